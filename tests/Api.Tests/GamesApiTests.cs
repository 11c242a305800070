using System.Net;
using System.Text;
using System.Text.Json;
using GameServer.Games;
using GameServer.Testing;

namespace GameServer.Api.Tests;

[Collection(FrontendCollection.Name)]
public sealed class GamesApiTests(FrontendFixture fixture)
{
    private HttpClient Http => fixture.Http;

    [Fact]
    public async Task The_open_period_carries_the_game_clocks_time_so_a_client_counts_down_by_it()
    {
        fixture.Cluster.Clock.Advance(TimeSpan.FromMinutes(7));
        var before = fixture.Cluster.Clock.GetUtcNow();

        var open = (await Http.GetJsonAsync("/api/games/wingo/periods?duration=30")).GetProperty("data");

        var serverTime = open.GetProperty("server_time").GetDateTimeOffset();
        Assert.InRange(serverTime, before, fixture.Cluster.Clock.GetUtcNow());
        Assert.InRange(serverTime, open.GetProperty("starts_at").GetDateTimeOffset(), open.GetProperty("ends_at").GetDateTimeOffset());
    }

    [Fact]
    public async Task Lists_the_four_games_and_their_durations()
    {
        var games = (await Http.GetJsonAsync("/api/games")).GetProperty("data").EnumerateArray().ToList();

        Assert.Equal(["wingo", "5d", "k3", "trx"], games.Select(g => g.GetProperty("game").GetString()));
        Assert.Equal([30, 60, 180, 300], games[0].GetProperty("durations").EnumerateArray().Select(d => d.GetInt32()));
    }

    [Fact]
    public async Task Open_period_shows_its_id_close_time_and_commit()
    {
        var period = (await Http.GetJsonAsync("/api/games/wingo/periods?duration=60")).GetProperty("data");

        Assert.Equal(14, period.GetProperty("period_id").GetString()!.Length);
        Assert.Equal(64, period.GetProperty("commit").GetString()!.Length);
        Assert.True(period.GetProperty("betting_closes_at").GetDateTimeOffset() < period.GetProperty("ends_at").GetDateTimeOffset());
    }

    [Fact]
    public async Task An_old_client_bet_with_a_numeric_value_and_default_duration_is_accepted()
    {
        var player = await Http.NewPlayerAsync();
        await Http.PostJsonAsync("/api/wallet/deposit", new { amount = 1000, gateway = "test" }, token: player.Token);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/games/wingo/bet")
        {
            Content = new StringContent("""{"amount":100,"type":"number","value":5}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", player.Token);
        using var response = await Http.SendAsync(request);
        var bet = (await ApiClientExtensions.ReadAsync(response, HttpStatusCode.OK)).GetProperty("data");

        Assert.Equal(60, bet.GetProperty("duration").GetInt32());
        Assert.Equal("5", bet.GetProperty("value").GetString());
        Assert.Equal(900m, bet.GetProperty("balance").GetDecimal());
        var history = (await Http.GetJsonAsync($"/api/users/{player.UserId}/bet-history", player.Token)).GetProperty("data");
        var item = Assert.Single(history.GetProperty("items").EnumerateArray());
        Assert.Equal(bet.GetProperty("bet_id").GetString(), item.GetProperty("bet_id").GetString());
        Assert.Equal("pending", item.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("/api/games/nosuchgame/bet", """{"amount":10,"type":"number","value":5}""", HttpStatusCode.NotFound)]
    [InlineData("/api/games/wingo/bet", """{"amount":10,"type":"number","value":5,"duration":45}""", HttpStatusCode.BadRequest)]
    [InlineData("/api/games/wingo/bet", """{"amount":10,"type":"digit","value":5}""", HttpStatusCode.BadRequest)]
    [InlineData("/api/games/5d/bet", """{"amount":10,"type":"digit","value":5}""", HttpStatusCode.BadRequest)]
    [InlineData("/api/games/k3/bet", """{"amount":10,"type":"sum","value":2}""", HttpStatusCode.BadRequest)]
    [InlineData("/api/games/wingo/bet", """{"amount":0.5,"type":"number","value":5}""", HttpStatusCode.BadRequest)]
    [InlineData("/api/games/wingo/bet", """{"amount":10,"type":"number","value":5,"period_id":"20000101020001"}""", HttpStatusCode.Conflict)]
    [InlineData("/api/games/wingo/bet", """{"amount":5000,"type":"number","value":5}""", HttpStatusCode.Conflict)]
    [InlineData("/api/games/wingo/bet", """{"amount":10,"type":"number","value":{"x":1}}""", HttpStatusCode.BadRequest)]
    public async Task Bad_bets_are_refused_with_a_clear_status_and_move_no_money(string path, string body, HttpStatusCode expected)
    {
        var player = await Http.NewPlayerAsync();
        await Http.PostJsonAsync("/api/wallet/deposit", new { amount = 100, gateway = "test" }, token: player.Token);

        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", player.Token);
        using var response = await Http.SendAsync(request);
        await ApiClientExtensions.ReadAsync(response, expected);

        var balance = (await Http.GetJsonAsync("/api/wallet/balance", player.Token)).GetProperty("data");
        Assert.Equal(100m, balance.GetProperty("balance").GetDecimal());
    }

    [Fact]
    public async Task Another_players_bet_history_is_403_but_an_admin_may_read_it()
    {
        var player = await Http.NewPlayerAsync();
        var other = await Http.NewPlayerAsync();
        var admin = await fixture.AdminToken();

        await Http.GetJsonAsync($"/api/users/{player.UserId}/bet-history", other.Token, HttpStatusCode.Forbidden);
        await Http.GetJsonAsync($"/api/users/{player.UserId}/bet-history", admin);
        await Http.GetJsonAsync($"/api/users/{player.UserId}/bet-history?start_date=yesterday", player.Token, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Past_periods_serve_results_with_a_verifiable_proof()
    {
        var period = (await Http.GetJsonAsync("/api/games/k3/periods?duration=60")).GetProperty("data");
        var periodId = period.GetProperty("period_id").GetString();
        var commit = period.GetProperty("commit").GetString();

        // Ten minutes on: every game has moved on by whole periods and is one second into a new one.
        fixture.Cluster.Clock.Advance(TimeSpan.FromMinutes(10));
        await Http.GetJsonAsync("/api/games/k3/periods?duration=60");
        var proof = (await Http.GetJsonAsync($"/api/games/k3/60/periods/{periodId}")).GetProperty("data");
        var results = (await Http.GetJsonAsync("/api/games/k3/60/results?page=1&limit=5")).GetProperty("data");

        Assert.Equal(commit, proof.GetProperty("commit").GetString());
        var seed = Convert.FromHexString(proof.GetProperty("seed").GetString()!);
        Assert.Equal(commit, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(seed)));
        Assert.Equal(3, proof.GetProperty("result").GetArrayLength());
        Assert.Equal(5, results.GetProperty("items").GetArrayLength());
        Assert.True(results.GetProperty("total").GetInt64() >= 10);
        await Http.GetJsonAsync("/api/games/k3/60/periods/20260101020001", expected: HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_51st_bet_of_one_player_in_one_period_is_409_moves_no_money_and_the_open_period_counts_the_50()
    {
        var key = new GameKey(GameId.K3, 180);
        var period = await fixture.StartNextPeriod(key);
        var player = await Http.NewPlayerAsync();
        await Http.PostJsonAsync("/api/wallet/deposit", new { amount = 100, gateway = "test" }, token: player.Token);

        for (var bet = 0; bet < 50; bet++)
        {
            var placed = await Http.PostJsonAsync("/api/games/k3/bet", new { amount = 1, type = "size", value = "big", duration = 180 }, token: player.Token);
            Assert.Equal(period.PeriodId, placed.GetProperty("data").GetProperty("period_id").GetString());
        }

        var refused = await Http.PostJsonAsync("/api/games/k3/bet", new { amount = 1, type = "size", value = "big", duration = 180 }, HttpStatusCode.Conflict, player.Token);

        Assert.Contains("50 bets", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(50m, (await Http.GetJsonAsync("/api/wallet/balance", player.Token)).GetProperty("data").GetProperty("balance").GetDecimal());
        Assert.Equal(51, (await Http.GetJsonAsync("/api/wallet/transactions", player.Token)).GetProperty("data").GetProperty("total").GetInt64());
        var open = await WaitFor(async () => (await Http.GetJsonAsync("/api/games/k3/periods?duration=180")).GetProperty("data"),
            data => data.GetProperty("bets").GetInt64() == 50);
        Assert.Equal(period.PeriodId, open.GetProperty("period_id").GetString());
        Assert.Equal(50, open.GetProperty("bets").GetInt64());
        Assert.Equal(50m, open.GetProperty("total_stake").GetDecimal());
    }

    [Fact]
    public async Task A_self_excluded_player_cannot_bet_and_no_money_moves()
    {
        await fixture.StartNextPeriod(new GameKey(GameId.Wingo, 60));
        var player = await Http.NewPlayerAsync();
        await Http.PostJsonAsync("/api/wallet/deposit", new { amount = 100, gateway = "test" }, token: player.Token);
        await Http.PostJsonAsync("/api/wallet/self-exclusion", new { days = 1 }, token: player.Token);

        await Http.PostJsonAsync("/api/games/wingo/bet", new { amount = 10, type = "size", value = "big" }, HttpStatusCode.Forbidden, player.Token);

        Assert.Equal(100m, (await Http.GetJsonAsync("/api/wallet/balance", player.Token)).GetProperty("data").GetProperty("balance").GetDecimal());
        Assert.Equal(1, (await Http.GetJsonAsync("/api/wallet/transactions", player.Token)).GetProperty("data").GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task The_same_idempotency_key_for_another_bet_is_409_and_a_true_retry_stakes_once()
    {
        var period = await fixture.StartNextPeriod(new GameKey(GameId.Wingo, 60));
        var player = await Http.NewPlayerAsync();
        await Http.PostJsonAsync("/api/wallet/deposit", new { amount = 100, gateway = "test" }, token: player.Token);

        var first = await Bet(player.Token, $$"""{"amount":10,"type":"size","value":"big","period_id":"{{period.PeriodId}}"}""", HttpStatusCode.OK, idempotencyKey: "bet-key");
        var retry = await Bet(player.Token, $$"""{"amount":10,"type":"size","value":"big","period_id":"{{period.PeriodId}}"}""", HttpStatusCode.OK, idempotencyKey: "bet-key");
        await Bet(player.Token, $$"""{"amount":11,"type":"size","value":"big","period_id":"{{period.PeriodId}}"}""", HttpStatusCode.Conflict, idempotencyKey: "bet-key");
        await Bet(player.Token, $$"""{"amount":10,"type":"size","value":"small","period_id":"{{period.PeriodId}}"}""", HttpStatusCode.Conflict, idempotencyKey: "bet-key");
        await Bet(player.Token, $$"""{"amount":10,"type":"size","value":"big","period_id":"{{Schedule.Next(period).PeriodId}}"}""", HttpStatusCode.Conflict, idempotencyKey: "bet-key");

        Assert.Equal(first.GetProperty("data").GetProperty("bet_id").GetString(), retry.GetProperty("data").GetProperty("bet_id").GetString());
        Assert.Equal(90m, (await Http.GetJsonAsync("/api/wallet/balance", player.Token)).GetProperty("data").GetProperty("balance").GetDecimal());
    }

    [Fact]
    public async Task Bet_history_is_newest_first_across_games_and_the_dates_filter_it()
    {
        var player = await Http.NewPlayerAsync();
        await Http.PostJsonAsync("/api/wallet/deposit", new { amount = 100, gateway = "test" }, token: player.Token);
        var firstPeriod = await fixture.StartNextPeriod(new GameKey(GameId.K3, 60));
        var first = await Bet(player.Token, """{"amount":1,"type":"size","value":"big"}""", HttpStatusCode.OK, "k3");
        var firstDay = firstPeriod.StartsAt.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        fixture.Cluster.Clock.Advance(TimeSpan.FromDays(1));
        var secondPeriod = await fixture.StartNextPeriod(new GameKey(GameId.Wingo, 60));
        var second = await Bet(player.Token, """{"amount":2,"type":"size","value":"big"}""", HttpStatusCode.OK, "wingo");
        var secondDay = secondPeriod.StartsAt.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        async Task<List<string?>> History(string query) =>
            (await Http.GetJsonAsync($"/api/users/{player.UserId}/bet-history?{query}", player.Token)).GetProperty("data").GetProperty("items")
                .EnumerateArray().Select(item => item.GetProperty("bet_id").GetString()).ToList();

        var (firstId, secondId) = (first.GetProperty("data").GetProperty("bet_id").GetString(), second.GetProperty("data").GetProperty("bet_id").GetString());
        Assert.Equal([secondId, firstId], await History($"start_date={firstDay}&end_date={secondDay}"));
        Assert.Equal([secondId, firstId], await History("page=1")); // the default window: 90 days up to now, by the game clock
        Assert.Equal([secondId], await History($"start_date={secondDay}&end_date={secondDay}"));
        Assert.Equal([firstId], await History($"start_date={firstDay}&end_date={firstDay}"));
        Assert.Equal([secondId], await History($"start_date={firstDay}&end_date={secondDay}&page=1&limit=1"));
    }

    [Fact]
    public async Task Bet_history_filters_by_game_and_duration_together_with_dates_and_paging_and_refuses_bad_values()
    {
        var player = await Http.NewPlayerAsync();
        var admin = await fixture.AdminToken();
        await Http.PostJsonAsync("/api/wallet/deposit", new { amount = 100, gateway = "test" }, token: player.Token);
        var placed = new List<(string Id, string Day)>();
        foreach (var key in new[] { new GameKey(GameId.Wingo, 60), new GameKey(GameId.K3, 60), new GameKey(GameId.Wingo, 30), new GameKey(GameId.K3, 180) })
        {
            var period = await fixture.StartNextPeriod(key);
            var bet = await Bet(player.Token, $$"""{"amount":1,"type":"size","value":"big","duration":{{key.DurationSeconds}}}""", HttpStatusCode.OK, key.Game.WireName());
            placed.Add((bet.GetProperty("data").GetProperty("bet_id").GetString()!, period.StartsAt.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        }

        var (wingo60, k360, wingo30, k3180) = (placed[0].Id, placed[1].Id, placed[2].Id, placed[3].Id);

        async Task<(long Total, List<string?> Ids)> History(string query, string? token = null)
        {
            var data = (await Http.GetJsonAsync($"/api/users/{player.UserId}/bet-history?{query}", token ?? player.Token)).GetProperty("data");
            return (data.GetProperty("total").GetInt64(), data.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("bet_id").GetString()).ToList());
        }

        Assert.Equal([wingo30, wingo60], (await History("game=wingo")).Ids);
        Assert.Equal([k3180, k360], (await History("game=K3")).Ids);
        Assert.Equal([k360, wingo60], (await History("duration=60")).Ids);
        Assert.Equal([wingo60], (await History("game=wingo&duration=60")).Ids);
        Assert.Equal([wingo60], (await History($"game=wingo&duration=60&start_date={placed[0].Day}&end_date={placed[0].Day}", admin)).Ids);
        Assert.Empty((await History("game=5d")).Ids);
        var secondPage = await History("game=wingo&page=2&limit=1");
        Assert.Equal((2L, wingo60), (secondPage.Total, Assert.Single(secondPage.Ids)));
        Assert.Equal(4, (await History("")).Total);

        foreach (var bad in new[] { "game=roulette", "duration=45", "game=wingo&duration=600", "game=trx&duration=30", "duration=sixty", "duration=60.5" })
        {
            var problem = await Http.GetJsonAsync($"/api/users/{player.UserId}/bet-history?{bad}", player.Token, HttpStatusCode.BadRequest);
            Assert.False(problem.GetProperty("success").GetBoolean(), bad);
        }
    }

    [Fact]
    public async Task Betting_needs_a_token()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/games/wingo/bet") { Content = new StringContent("""{"amount":1,"type":"size","value":"big"}""", Encoding.UTF8, "application/json") };
        using var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_open_period_view_and_the_results_pages_show_the_latest_results_newest_first()
    {
        var key = new GameKey(GameId.Wingo, 30);
        var period = await fixture.StartNextPeriod(key);
        fixture.Cluster.Clock.SetUtcNow(Schedule.Next(Schedule.Next(period)).StartsAt.AddSeconds(1));

        // The game's grain draws the two ended periods on its own turn after the clock moved: read until it has.
        var latestTwo = new[] { Schedule.Next(period).PeriodId, period.PeriodId };
        var open = await WaitFor(
            async () => (await Http.GetJsonAsync("/api/games/wingo/periods?duration=30")).GetProperty("data"),
            view => RecentIds(view).Take(2).SequenceEqual(latestTwo));

        Assert.Equal(Schedule.Next(Schedule.Next(period)).PeriodId, open.GetProperty("period_id").GetString());
        Assert.Equal(latestTwo, RecentIds(open).Take(2));
        Assert.All(open.GetProperty("recent").EnumerateArray(), result => Assert.Equal(64, result.GetProperty("seed").GetString()!.Length));
        var page = await WaitFor(
            async () => (await Http.GetJsonAsync("/api/games/wingo/30/results?page=1&limit=2")).GetProperty("data").GetProperty("items")
                .EnumerateArray().Select(result => result.GetProperty("period_id").GetString()).ToList(),
            items => items.SequenceEqual(latestTwo));
        Assert.Equal(latestTwo, page);

        static IEnumerable<string?> RecentIds(JsonElement view) =>
            view.GetProperty("recent").EnumerateArray().Select(result => result.GetProperty("period_id").GetString());
    }

    private async Task<JsonElement> Bet(string token, string body, HttpStatusCode expected, string game = "wingo", string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/games/{game}/bet") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", token);
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        using var response = await Http.SendAsync(request);
        return await ApiClientExtensions.ReadAsync(response, expected);
    }

    private static async Task<T> WaitFor<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        var value = await read();
        while (!done(value) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            value = await read();
        }

        return value;
    }
}
