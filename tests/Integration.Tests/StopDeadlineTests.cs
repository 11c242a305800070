using GameServer.Testing;
using MySqlConnector;

namespace GameServer.Integration.Tests;

/// <summary>
/// <c>Shutdown:Timeout</c> holds even when a stop step ignores it (issue 19): a real silo process whose database
/// stops answering (its connections stall behind a relay) is told to stop, and Orleans' leaving the membership
/// waits for the table it cannot reach; the silo ends itself 10 s after its timeout rather than a minute or
/// two later.
/// </summary>
[Collection(ProductionSiloCollection.Name)]
public sealed class StopDeadlineTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task A_silo_whose_database_stalls_while_it_stops_is_gone_ten_seconds_after_its_shutdown_timeout()
    {
        var target = new MySqlConnectionStringBuilder(MariaDb.ConnectionString);
        await using var link = PausableTcpProxy.Start((int)target.Port);
        target.Port = (uint)link.Port;
        await using var cluster = new ProcessCluster(target.ConnectionString, siloCount: 1, settings: new Dictionary<string, string>
        {
            ["Shutdown:Timeout"] = Timeout.ToString(),
        });
        await cluster.StartAllAsync();

        link.Pause();
        var took = await cluster.TerminateAsync(0, bound: TimeSpan.FromSeconds(90));

        // Without the deadline a silo stopped with MariaDB down took 120–150 s (each membership stage waits a minute for the table).
        Assert.InRange(took, Timeout, Timeout + TimeSpan.FromSeconds(10 + 5));
        Assert.Equal(137, cluster.LastExitCode(0)); // SIGKILL, by itself
    }
}
