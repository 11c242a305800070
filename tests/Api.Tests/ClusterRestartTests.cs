using GameServer.Games;
using GameServer.Testing;

namespace GameServer.Api.Tests;

/// <summary>Its own cluster: this test restarts every silo.</summary>
public sealed class ClusterRestartTests
{
    [Fact]
    public async Task After_both_silos_restart_results_reach_watchers_again_within_15_seconds()
    {
        await using var cluster = await LocalCluster.StartAsync(siloCount: 2);
        var frontend = cluster.StartFrontend();
        await using var watcher = await HubClient.ConnectAsync(frontend);
        await watcher.JoinGame("wingo", 30);

        await cluster.StopSiloAsync(1);
        await cluster.StopSiloAsync(0);
        await cluster.StartSiloAsync(0);
        await cluster.StartSiloAsync(1);

        var key = new GameKey(GameId.Wingo, 30);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (watcher.PeriodsOf("gameResult").Count == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "No result reached the watcher within 15 s of the restart.");
            var period = Schedule.PeriodAt(key, cluster.Clock.GetUtcNow());
            cluster.Clock.SetUtcNow(period.EndsAt.AddMilliseconds(1));
            await Task.Delay(500);
        }
    }
}
