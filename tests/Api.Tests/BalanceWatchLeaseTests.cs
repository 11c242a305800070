using GameServer.Testing;

namespace GameServer.Api.Tests;

/// <summary>
/// Its own cluster, whose wallets lease a watch for two seconds: one frontend renews every half second,
/// another only every ten minutes, so that a watch is seen both to outlive its lease by renewal and to
/// lapse without it.
/// </summary>
public sealed class BalanceWatchLeaseTests : IAsyncLifetime
{
    private LocalCluster cluster = null!;
    private FrontendHost renewing = null!;
    private FrontendHost lapsing = null!;

    public async Task InitializeAsync()
    {
        cluster = await LocalCluster.StartAsync(siloCount: 1, new Dictionary<string, string?>
        {
            ["Wallet:WatchExpiry"] = "00:00:02",
            ["Realtime:WatchRenewalInterval"] = "00:00:00.5",
        });
        renewing = cluster.StartFrontend();
        lapsing = cluster.StartFrontend(new Dictionary<string, string?> { ["Realtime:WatchRenewalInterval"] = "00:10:00" });
    }

    public async Task DisposeAsync() => await cluster.DisposeAsync();

    [Fact]
    public async Task A_renewed_watch_outlives_its_lease_and_one_left_alone_lapses()
    {
        using var http = renewing.CreateHttpClient();
        var player = await http.NewPlayerAsync();
        await using var onRenewing = await HubClient.ConnectAsync(renewing, player.Token);
        await using var onLapsing = await HubClient.ConnectAsync(lapsing, player.Token);
        await onRenewing.JoinGame("wingo", 60);
        await onLapsing.JoinGame("wingo", 60);

        await Task.Delay(TimeSpan.FromSeconds(4));
        await http.PostJsonAsync("/api/wallet/deposit", new { amount = 25, gateway = "test" }, token: player.Token);

        await onRenewing.WaitUntil(c => c.PayloadsOf("balanceChanged").Count == 1, TimeSpan.FromSeconds(10));
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal("deposit", onRenewing.PayloadsOf("balanceChanged")[0].GetProperty("type").GetString());
        Assert.Empty(onLapsing.PayloadsOf("balanceChanged"));
    }
}
