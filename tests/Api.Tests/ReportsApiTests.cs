using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using GameServer.Games;
using GameServer.Testing;
using GameServer.Wallet;

namespace GameServer.Api.Tests;

/// <summary>
/// The daily business report (SPEC §7 "Reports", <c>GET /api/admin/reports/daily</c>) after real deposits,
/// withdrawals, bonuses, adjustments and bets in the shared test cluster. The cluster's other tests write
/// too (in the same day), so figures are compared as what changed around this test's own requests; the
/// trx game-durations are bet on by these tests alone.
/// </summary>
[Collection(FrontendCollection.Name)]
public sealed class ReportsApiTests(FrontendFixture fixture)
{
    private const string Daily = "/api/admin/reports/daily";

    private HttpClient Http => fixture.Http;

    [Fact]
    public async Task A_days_report_counts_its_deposits_paid_withdrawals_bonuses_adjustments_and_each_games_players_bets_stakes_payouts_and_ggr()
    {
        var admin = await fixture.AdminToken();
        var key = new GameKey(GameId.Trx, 180);
        var period = await StartPeriodWellBeforeMidnight(key);
        var day = Iso(period.StartsAt);
        var before = await ReportDay(day, admin);

        var (alice, bob) = (await Http.NewPlayerAsync(), await Http.NewPlayerAsync());
        await Http.PostJsonAsync("/api/wallet/deposit", new { amount = 1000, gateway = "test" }, token: alice.Token);
        await Http.PostJsonAsync("/api/wallet/deposit", new { amount = 200, gateway = "test" }, token: bob.Token);
        await Http.PostJsonAsync("/api/attendance/claim", new { }, token: bob.Token);
        await Decide(await Withdraw(alice.Token, 100), "approve", admin);
        await Decide(await Withdraw(bob.Token, 50), "reject", admin);
        await Http.PostJsonAsync($"/api/admin/users/{alice.UserId}/credit", new { amount = 7.5, reason = "goodwill" }, token: admin);
        await Http.PostJsonAsync($"/api/admin/users/{bob.UserId}/debit", new { amount = 2.25, reason = "chargeback" }, token: admin);
        foreach (var (token, amount, value) in new[] { (alice.Token, 10, "big"), (alice.Token, 20, "small"), (bob.Token, 30, "big") })
        {
            await Http.PostJsonAsync("/api/games/trx/bet", new { amount, type = "size", value, duration = 180 }, token: token);
        }

        // The period ends, is drawn and settles, still on the same day.
        fixture.Cluster.Clock.SetUtcNow(Schedule.Next(period).StartsAt.AddSeconds(1));
        await Http.GetJsonAsync("/api/games/trx/periods?duration=180");
        var paid = await SettledPayouts(alice, admin) + await SettledPayouts(bob, admin);
        var after = await ReportDay(day, admin);

        decimal Change(string field) => after.GetProperty(field).GetDecimal() - before.GetProperty(field).GetDecimal();
        decimal Moved(string type, string what = "amount") =>
            after.GetProperty("movements").GetProperty(type).GetProperty(what).GetDecimal() - before.GetProperty("movements").GetProperty(type).GetProperty(what).GetDecimal();

        Assert.Equal(day, after.GetProperty("date").GetString());
        Assert.Equal((1200m, 2m, 2m), (Change("deposits"), Moved("deposit", "entries"), Moved("deposit", "accounts")));
        Assert.Equal((100m, 150m, 50m), (Change("withdrawals_paid"), Moved("withdrawal_hold"), Moved("withdrawal_release")));
        Assert.Equal((5m, 0m, 0m), (Change("bonuses"), Change("commissions"), Change("rebates")));
        Assert.Equal((7.5m, 2.25m), (Change("admin_credits"), Change("admin_debits")));
        Assert.Equal((60m, 3m, 2m), (Change("stakes"), Change("bets"), Change("active_players")));
        Assert.True(Change("payouts") >= paid, $"the day's payouts grew by {Change("payouts")}, this test's bets won {paid}");
        Assert.Equal(LedgerEntryTypes.WireNames.Keys.Order(StringComparer.Ordinal), after.GetProperty("movements").EnumerateObject().Select(type => type.Name).Order(StringComparer.Ordinal));
        AssertAddsUp(after);

        var trx = Game(after, "trx", 180)!.Value;
        var trxBefore = Game(before, "trx", 180);
        decimal GameChange(string field) => trx.GetProperty(field).GetDecimal() - (trxBefore?.GetProperty(field).GetDecimal() ?? 0);
        Assert.Equal((2m, 3m, 60m, paid, 0m, 60m - paid),
            (GameChange("active_players"), GameChange("bets"), GameChange("stakes"), GameChange("payouts"), GameChange("refunds"), GameChange("ggr")));
    }

    [Fact]
    public async Task With_accept_text_csv_the_report_is_csv_with_a_header_a_row_per_game_and_day_and_each_days_all_row_as_the_json_has_it()
    {
        var admin = await fixture.AdminToken();
        var key = new GameKey(GameId.Trx, 300);
        var period = await StartPeriodWellBeforeMidnight(key);
        var day = Iso(period.StartsAt);
        var player = await Http.NewPlayerAsync();
        await Http.PostJsonAsync("/api/wallet/deposit", new { amount = 123.45, gateway = "test" }, token: player.Token);
        await Http.PostJsonAsync("/api/games/trx/bet", new { amount = 12.5, type = "size", value = "big", duration = 300 }, token: player.Token);
        var yesterday = Iso(period.StartsAt.AddDays(-1));

        using var response = await Get($"{Daily}?from={yesterday}&to={day}", admin, "text/csv");
        var csv = await response.Content.ReadAsStringAsync();
        var json = (await Http.GetJsonAsync($"{Daily}?from={yesterday}&to={day}", admin)).GetProperty("data");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Contains("Accept", response.Headers.Vary);
        Assert.Equal($"daily-report-{yesterday}-{day}.csv", response.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
        Assert.EndsWith("\r\n", csv, StringComparison.Ordinal);
        var lines = csv[..^2].Split("\r\n");
        Assert.Equal("date,game,duration,active_players,bets,stakes,payouts,refunds,ggr,deposits,withdrawals_paid,bonuses,commissions,rebates,admin_credits,admin_debits", lines[0]);
        var rows = lines[1..].Select(line => line.Split(',')).ToList();
        Assert.All(rows, row => Assert.Equal(16, row.Length));
        var days = json.GetProperty("days").EnumerateArray().ToList();
        Assert.Equal(days.Sum(jsonDay => jsonDay.GetProperty("games").GetArrayLength() + 1), rows.Count);
        Assert.Equal([yesterday, day], rows.Where(row => row[1] == "all").Select(row => row[0]));

        var all = rows.Single(row => row[0] == day && row[1] == "all");
        var jsonDay = days[1];
        // Deposits, stakes and the rest change only by requests; payouts may grow as other tests' games settle.
        Assert.Equal(AmountText(jsonDay, "deposits"), all[9]);
        Assert.Equal(AmountText(jsonDay, "stakes"), all[5]);
        Assert.Equal(jsonDay.GetProperty("bets").GetInt64().ToString(CultureInfo.InvariantCulture), all[4]);
        Assert.Equal([AmountText(jsonDay, "withdrawals_paid"), AmountText(jsonDay, "bonuses"), AmountText(jsonDay, "commissions"), AmountText(jsonDay, "rebates"), AmountText(jsonDay, "admin_credits"), AmountText(jsonDay, "admin_debits")],
            all[10..16]);
        Assert.Equal(decimal.Parse(all[5], CultureInfo.InvariantCulture) - decimal.Parse(all[6], CultureInfo.InvariantCulture) - decimal.Parse(all[7], CultureInfo.InvariantCulture),
            decimal.Parse(all[8], CultureInfo.InvariantCulture));
        Assert.All(all[5..16], amount => Assert.Matches(@"^-?\d+\.\d\d$", amount));

        var trx = rows.Single(row => row[0] == day && row[1] == "trx" && row[2] == "300");
        var jsonTrx = Game(jsonDay, "trx", 300)!.Value;
        // Payouts, refunds and so GGR may grow between the two reads as earlier tests' trx periods settle:
        // those are checked against the row's own stakes, the request-made figures against the JSON.
        Assert.Equal([jsonTrx.GetProperty("active_players").GetInt64().ToString(CultureInfo.InvariantCulture), jsonTrx.GetProperty("bets").GetInt64().ToString(CultureInfo.InvariantCulture),
            AmountText(jsonTrx, "stakes")], trx[3..6]);
        Assert.Equal(decimal.Parse(trx[5], CultureInfo.InvariantCulture) - decimal.Parse(trx[6], CultureInfo.InvariantCulture) - decimal.Parse(trx[7], CultureInfo.InvariantCulture),
            decimal.Parse(trx[8], CultureInfo.InvariantCulture));
        Assert.Equal(["", "", "", "", "", "", ""], trx[9..16]);
        Assert.Contains(".50", trx[5], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_dates_the_report_covers_yesterday_and_today_by_the_game_clock_and_93_days_is_the_most()
    {
        var admin = await fixture.AdminToken();
        var today = DateOnly.FromDateTime(fixture.Cluster.Clock.GetUtcNow().UtcDateTime);

        var byDefault = (await Http.GetJsonAsync(Daily, admin)).GetProperty("data");
        var longest = (await Http.GetJsonAsync($"{Daily}?from={Iso(today.AddDays(-92))}&to={Iso(today)}", admin)).GetProperty("data");

        Assert.Equal((Iso(today.AddDays(-1)), Iso(today)), (byDefault.GetProperty("from").GetString(), byDefault.GetProperty("to").GetString()));
        Assert.Equal([Iso(today.AddDays(-1)), Iso(today)], byDefault.GetProperty("days").EnumerateArray().Select(day => day.GetProperty("date").GetString()));
        Assert.Equal(93, longest.GetProperty("days").GetArrayLength());
    }

    [Theory]
    [InlineData("from=2026-13-01", "from must be a date")]
    [InlineData("to=yesterday", "to must be a date")]
    [InlineData("from=2026-1-5&to=2026-01-06", "from must be a date")]
    [InlineData("from=2026-11-30&to=2026-11-31", "to must be a date")]
    [InlineData("from=2026-11-30&to=2026-11-29", "must not be after")]
    [InlineData("from=2026-08-29&to=2026-11-30", "at most 93 days")]
    [InlineData("from=0999-12-31&to=1000-01-01", "from 1000-01-01")]
    [InlineData("to=9999-12-31", "9999-12-30")]
    public async Task A_malformed_date_a_start_after_the_end_or_more_than_93_days_is_a_400_problem(string query, string detail)
    {
        var admin = await fixture.AdminToken();

        var problem = await Http.GetJsonAsync($"{Daily}?{query}", admin, HttpStatusCode.BadRequest);
        using var asCsv = await Get($"{Daily}?{query}", admin, "text/csv");

        Assert.False(problem.GetProperty("success").GetBoolean());
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.BadRequest, "application/problem+json"), (asCsv.StatusCode, asCsv.Content.Headers.ContentType?.MediaType));
    }

    [Fact]
    public async Task The_report_is_401_without_a_token_and_403_for_a_player_as_json_and_as_csv()
    {
        var player = await Http.NewPlayerAsync();

        await Http.GetJsonAsync(Daily, token: null, HttpStatusCode.Unauthorized);
        var forbidden = await Http.GetJsonAsync($"{Daily}?from=2026-11-01&to=2026-11-02", player.Token, HttpStatusCode.Forbidden);
        using var csvWithoutToken = await Get(Daily, token: null, "text/csv");
        using var csvAsPlayer = await Get(Daily, player.Token, "text/csv");

        Assert.False(forbidden.GetProperty("success").GetBoolean());
        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden), (csvWithoutToken.StatusCode, csvAsPlayer.StatusCode));
        Assert.DoesNotContain("date,game", await csvAsPlayer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>The day's named figures are the ledger's movements, and GGR is stakes − payouts − refunds, for the day and each game.</summary>
    private static void AssertAddsUp(JsonElement day)
    {
        var movements = day.GetProperty("movements");
        decimal Amount(string type) => movements.GetProperty(type).GetProperty("amount").GetDecimal();
        Assert.Equal(
            (Amount("deposit"), Amount("withdrawal_paid"), Amount("attendance_bonus"), Amount("referral_commission"), Amount("admin_credit"), Amount("admin_debit"),
                Amount("bet_stake"), Amount("bet_payout"), Amount("bet_refund"), movements.GetProperty("bet_stake").GetProperty("entries").GetDecimal(),
                movements.GetProperty("bet_stake").GetProperty("accounts").GetDecimal()),
            (day.GetProperty("deposits").GetDecimal(), day.GetProperty("withdrawals_paid").GetDecimal(), day.GetProperty("bonuses").GetDecimal(),
                day.GetProperty("commissions").GetDecimal(), day.GetProperty("admin_credits").GetDecimal(), day.GetProperty("admin_debits").GetDecimal(),
                day.GetProperty("stakes").GetDecimal(), day.GetProperty("payouts").GetDecimal(), day.GetProperty("refunds").GetDecimal(),
                day.GetProperty("bets").GetDecimal(), day.GetProperty("active_players").GetDecimal()));
        foreach (var figures in day.GetProperty("games").EnumerateArray().Append(day))
        {
            Assert.Equal(figures.GetProperty("stakes").GetDecimal() - figures.GetProperty("payouts").GetDecimal() - figures.GetProperty("refunds").GetDecimal(),
                figures.GetProperty("ggr").GetDecimal());
        }
    }

    /// <summary>
    /// Opens the game's next period, first moving the clock to the next day's early hours when the
    /// period could end near midnight: the test's bets, payouts and report must all fall on one day.
    /// </summary>
    private async Task<Period> StartPeriodWellBeforeMidnight(GameKey key)
    {
        var now = fixture.Cluster.Clock.GetUtcNow();
        if (now.TimeOfDay > TimeSpan.FromHours(23))
        {
            fixture.Cluster.Clock.SetUtcNow(new DateTimeOffset(now.UtcDateTime.Date.AddDays(1).AddMinutes(10), TimeSpan.Zero));
        }

        return await fixture.StartNextPeriod(key);
    }

    private async Task<JsonElement> ReportDay(string day, string token) =>
        Assert.Single((await Http.GetJsonAsync($"{Daily}?from={day}&to={day}", token)).GetProperty("data").GetProperty("days").EnumerateArray());

    private static JsonElement? Game(JsonElement day, string game, int duration) =>
        day.GetProperty("games").EnumerateArray().Where(row => row.GetProperty("game").GetString() == game && row.GetProperty("duration").GetInt32() == duration)
            .Select(row => (JsonElement?)row).SingleOrDefault();

    private static string AmountText(JsonElement figures, string field) => figures.GetProperty(field).GetRawText();

    /// <summary>What a player's bets won, once none is pending any more.</summary>
    private async Task<decimal> SettledPayouts((long UserId, string Token, string Phone) player, string admin)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var bets = (await Http.GetJsonAsync($"/api/users/{player.UserId}/bet-history", admin)).GetProperty("data").GetProperty("items").EnumerateArray().ToList();
            if (bets.All(bet => bet.GetProperty("status").GetString() != "pending"))
            {
                return bets.Where(bet => bet.GetProperty("status").GetString() == "won").Sum(bet => bet.GetProperty("payout").GetDecimal());
            }

            Assert.True(DateTime.UtcNow < deadline, "the bets did not settle");
            await Task.Delay(50);
        }
    }

    private async Task<string> Withdraw(string token, decimal amount) =>
        (await Http.PostJsonAsync("/api/wallet/withdraw", new { amount, method_id = await Http.SavePayoutMethodAsync(token) }, token: token))
            .GetProperty("data").GetProperty("withdrawal_id").GetString()!;

    private Task<JsonElement> Decide(string withdrawalId, string verdict, string admin) =>
        Http.PostJsonAsync($"/api/admin/withdrawals/{withdrawalId}/{verdict}", new { }, token: admin);

    private async Task<HttpResponseMessage> Get(string path, string? token, string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await Http.SendAsync(request);
    }

    private static string Iso(DateTimeOffset instant) => Iso(DateOnly.FromDateTime(instant.UtcDateTime));

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
