using System.Net;
using System.Text;
using System.Text.Json;
using GameServer.ApiFrontend.Payments;
using GameServer.Testing;

namespace GameServer.Api.Tests;

/// <summary>SPEC §6 on every path that moves money toward the player: deposit orders, gateway confirmations, bonuses.</summary>
[Collection(FrontendCollection.Name)]
public sealed class ResponsiblePlayApiTests(FrontendFixture fixture)
{
    private HttpClient Http => fixture.Http;

    [Fact]
    public async Task Pending_orders_count_against_the_daily_deposit_limit_so_a_second_order_of_600_under_1000_is_409()
    {
        var player = await Http.NewPlayerAsync();
        await PutLimits(player.Token, """{"daily_deposit_limit": 1000}""");

        var first = await Order(player.Token, 600);
        var second = await Http.PostJsonAsync("/api/wallet/deposit", new { amount = 600, gateway = "sandbox" }, HttpStatusCode.Conflict, player.Token);
        Assert.Equal(HttpStatusCode.OK, await PaidCallback(first, 600));

        Assert.Contains("pending", second.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(600m, await Balance(player.Token));
        var entry = Assert.Single((await Http.GetJsonAsync("/api/wallet/transactions", player.Token)).GetProperty("data").GetProperty("items").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, entry.GetProperty("memo").ValueKind);
        Assert.Empty(await Flagged(player.UserId));
    }

    [Fact]
    public async Task A_failed_order_gives_its_reservation_back()
    {
        var player = await Http.NewPlayerAsync();
        await PutLimits(player.Token, """{"daily_deposit_limit": 1000}""");
        var failed = await Order(player.Token, 600);

        Assert.Equal(HttpStatusCode.OK, await Callback(failed, "failed", 600));
        var again = await Order(player.Token, 600);

        Assert.NotEqual(failed, again);
        Assert.Equal(0m, await Balance(player.Token));
    }

    [Fact]
    public async Task A_payment_confirmed_after_the_limit_was_lowered_is_credited_and_flagged_for_staff()
    {
        var player = await Http.NewPlayerAsync();
        var order = await Order(player.Token, 600);
        await PutLimits(player.Token, """{"daily_deposit_limit": 500}""");

        Assert.Equal(HttpStatusCode.OK, await PaidCallback(order, 600));

        Assert.Equal(600m, await Balance(player.Token));
        var entry = Assert.Single((await Http.GetJsonAsync("/api/wallet/transactions", player.Token)).GetProperty("data").GetProperty("items").EnumerateArray());
        Assert.Contains("daily deposit limit of 500.00", entry.GetProperty("memo").GetString(), StringComparison.Ordinal);
        var flag = Assert.Single(await Flagged(player.UserId));
        Assert.Equal(order, flag.GetProperty("order_id").GetString());
        Assert.Equal(player.UserId, flag.GetProperty("user_id").GetInt64());
        Assert.Equal("over_daily_limit", flag.GetProperty("reason").GetString());
        Assert.Equal(600m, flag.GetProperty("amount").GetDecimal());
    }

    [Fact]
    public async Task A_payment_confirmed_during_self_exclusion_is_credited_and_flagged_for_staff()
    {
        var player = await Http.NewPlayerAsync();
        var order = await Order(player.Token, 300);
        await Http.PostJsonAsync("/api/wallet/self-exclusion", new { days = 2 }, token: player.Token);

        Assert.Equal(HttpStatusCode.OK, await PaidCallback(order, 300));

        Assert.Equal(300m, await Balance(player.Token));
        var flag = Assert.Single(await Flagged(player.UserId));
        Assert.Equal(order, flag.GetProperty("order_id").GetString());
        Assert.Equal("self_excluded", flag.GetProperty("reason").GetString());
        await Http.PostJsonAsync("/api/wallet/deposit", new { amount = 10, gateway = "sandbox" }, HttpStatusCode.Forbidden, player.Token);
    }

    [Fact]
    public async Task No_attendance_bonus_during_self_exclusion()
    {
        var player = await Http.NewPlayerAsync();
        await Http.PostJsonAsync("/api/wallet/deposit", new { amount = 200, gateway = "test" }, token: player.Token);
        await Http.PostJsonAsync("/api/wallet/self-exclusion", new { days = 1 }, token: player.Token);

        await Http.PostJsonAsync("/api/attendance/claim", new { }, HttpStatusCode.Forbidden, player.Token);

        Assert.Equal(200m, await Balance(player.Token));
        Assert.False((await Http.GetJsonAsync("/api/attendance", player.Token)).GetProperty("data").GetProperty("claimed_today").GetBoolean());
    }

    [Fact]
    public async Task A_bet_that_could_pass_the_daily_loss_limit_is_409_and_moves_no_money()
    {
        await fixture.StartNextPeriod(new Games.GameKey(Games.GameId.Wingo, 60));
        var player = await Http.NewPlayerAsync();
        await Http.PostJsonAsync("/api/wallet/deposit", new { amount = 500, gateway = "test" }, token: player.Token);
        await PutLimits(player.Token, """{"daily_loss_limit": 100}""");

        await Http.PostJsonAsync("/api/games/wingo/bet", new { amount = 60, type = "size", value = "big" }, token: player.Token);
        await Http.PostJsonAsync("/api/games/wingo/bet", new { amount = 41, type = "size", value = "small" }, HttpStatusCode.Conflict, player.Token);
        await Http.PostJsonAsync("/api/games/wingo/bet", new { amount = 40, type = "size", value = "small" }, token: player.Token);

        Assert.Equal(400m, await Balance(player.Token));
    }

    private async Task<string> Order(string token, decimal amount) =>
        (await Http.PostJsonAsync("/api/wallet/deposit", new { amount, gateway = "sandbox" }, token: token)).GetProperty("data").GetProperty("order_id").GetString()!;

    private Task<HttpStatusCode> PaidCallback(string orderId, decimal amount) => Callback(orderId, "paid", amount);

    private async Task<HttpStatusCode> Callback(string orderId, string status, decimal amount)
    {
        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { order_id = orderId, status, amount }));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/payments/sandbox/callback") { Content = new ByteArrayContent(body) };
        request.Headers.Add(CallbackSignature.Header, CallbackSignature.Sign(LocalCluster.SandboxGatewaySecret, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), body));
        using var response = await fixture.SecondHttp.SendAsync(request);
        return response.StatusCode;
    }

    private async Task PutLimits(string token, string json)
    {
        using var put = new HttpRequestMessage(HttpMethod.Put, "/api/wallet/limits") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        put.Headers.Authorization = new("Bearer", token);
        using var response = await Http.SendAsync(put);
        await ApiClientExtensions.ReadAsync(response, HttpStatusCode.OK);
    }

    private async Task<decimal> Balance(string token) =>
        (await Http.GetJsonAsync("/api/wallet/balance", token)).GetProperty("data").GetProperty("balance").GetDecimal();

    private async Task<List<JsonElement>> Flagged(long userId)
    {
        var admin = await fixture.AdminToken();
        return (await Http.GetJsonAsync($"/api/admin/deposits/flagged?user_id={userId}", admin)).GetProperty("data").GetProperty("items").EnumerateArray().ToList();
    }
}
