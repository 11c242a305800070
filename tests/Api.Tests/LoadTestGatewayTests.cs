using System.Net;
using GameServer.LoadTest;
using GameServer.Testing;

namespace GameServer.Api.Tests;

/// <summary>
/// The load generator plays a configured hosted gateway (here the test frontends' "sandbox"): its own
/// signer's callbacks are accepted, credit the order exactly once, and a wrong secret moves nothing.
/// </summary>
[Collection(FrontendCollection.Name)]
public sealed class LoadTestGatewayTests(FrontendFixture fixture)
{
    private HttpClient Http => fixture.Http;

    private async Task<long> Balance(string token) =>
        (long)Math.Round((await Http.GetJsonAsync("/api/wallet/balance", token)).GetProperty("data").GetProperty("balance").GetDecimal() * 100);

    [Fact]
    public async Task A_deposit_paid_by_the_generators_signed_callback_is_credited_once()
    {
        var player = await Http.NewPlayerAsync();
        var gateway = new LoadTestGateway("sandbox", LocalCluster.SandboxGatewaySecret);

        var orderId = await gateway.DepositAsync(Http, player.Token, 250, CancellationToken.None);
        using var repeat = await gateway.PayAsync(Http, orderId, 250, CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        Assert.Equal(250_00, await Balance(player.Token));
        var transactions = await Http.GetJsonAsync("/api/wallet/transactions?page=1&limit=10", player.Token);
        var deposit = Assert.Single(transactions.GetProperty("data").GetProperty("items").EnumerateArray());
        Assert.Equal("deposit", deposit.GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_callback_signed_with_another_secret_is_401_and_credits_nothing()
    {
        var player = await Http.NewPlayerAsync();
        var order = await Http.PostJsonAsync("/api/wallet/deposit", new { amount = 40, gateway = "sandbox" }, token: player.Token);
        var impostor = new LoadTestGateway("sandbox", "not-the-sandbox-secret");

        using var refused = await impostor.PayAsync(Http, order.GetProperty("data").GetProperty("order_id").GetString()!, 40, CancellationToken.None);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(0, await Balance(player.Token));
    }
}
