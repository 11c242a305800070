using System.Globalization;
using GameServer.Games;
using GameServer.Grains.Journal;
using GameServer.Reports;
using GameServer.Testing;
using GameServer.Wallet;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MySqlConnector;

namespace GameServer.Integration.Tests;

/// <summary>
/// The read replica (issue 19) on a real MariaDB primary and replica (<see cref="ReplicatedMariaDb"/>):
/// the history reads come from the replica while it is current and from the primary while it lags,
/// stops replicating or is down, and from the replica again once it has caught up. Which server served
/// a read is told by its rows: the test stops the replica's SQL thread, so that the replica lacks what
/// the primary was given since.
/// </summary>
public sealed class ReadReplicaTests(ReplicatedMariaDb servers) : IClassFixture<ReplicatedMariaDb>, IAsyncLifetime
{
    /// <summary>How long the replica may take to catch up or a silo to notice it: a bound on waiting, not an expectation.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private MySqlDataSource primarySource = null!;
    private MySqlDataSource replicaSource = null!;
    private MySqlJournalStore primary = null!;
    private MySqlJournalStore replica = null!;

    public Task InitializeAsync()
    {
        primarySource = new MySqlDataSourceBuilder(servers.PrimaryConnectionString).Build();
        replicaSource = new MySqlDataSourceBuilder(servers.ReplicaConnectionString).Build();
        var sealer = new SeedSecretSealer(MariaDb.SeedSecretKey);
        primary = new MySqlJournalStore(primarySource, sealer, MariaDb.PayoutSealer);
        replica = new MySqlJournalStore(replicaSource, sealer, MariaDb.PayoutSealer);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await primarySource.DisposeAsync();
        await replicaSource.DisposeAsync();
    }

    [Fact]
    public async Task History_reads_come_from_the_replica_while_it_is_current_and_from_the_primary_while_its_replication_is_stopped()
    {
        var (monitor, reads) = RoutedReads();
        var player = new Player(primary);
        await player.PlayAsync();
        await ReplicaHasCaughtUpAsync(player);
        await monitor.CheckAsync();
        Assert.True(monitor.ServesReads, "a current replica serves the history reads");
        Assert.NotNull(monitor.Lag);
        Assert.Equal(await player.SeenOnAsync(primary), await player.SeenOnAsync(reads));

        // The replica stops applying what the primary writes. Until the monitor looks again, reads stay
        // on the replica and show its rows, not the primary's newer ones: that is where they are read.
        await servers.OnReplicaAsync("STOP SLAVE SQL_THREAD");
        try
        {
            await player.PlayAsync();
            var onPrimary = await player.SeenOnAsync(primary);
            var onReplica = await player.SeenOnAsync(replica);
            Assert.NotEqual(onPrimary, onReplica);
            Assert.Equal(onReplica, await player.SeenOnAsync(reads));

            // Its lag is now unknown (Seconds_Behind_Master NULL): the next check sends reads to the primary, current.
            await monitor.CheckAsync();
            Assert.False(monitor.ServesReads, "a replica that does not replicate serves no reads");
            Assert.Null(monitor.Lag);
            Assert.Equal(onPrimary, await player.SeenOnAsync(reads));
        }
        finally
        {
            await servers.OnReplicaAsync("START SLAVE SQL_THREAD");
        }

        // Replicating again and caught up: the reads are the replica's once more.
        await ReplicaHasCaughtUpAsync(player);
        await UntilServingAsync(monitor);
        await AssertServedByReplicaAsync(player, reads);
    }

    [Fact]
    public async Task History_reads_go_to_the_primary_while_the_replica_lags_beyond_the_bound_and_back_once_it_is_within()
    {
        var (monitor, reads) = RoutedReads(maxLag: TimeSpan.FromSeconds(1));
        var player = new Player(primary);
        await player.PlayAsync();
        await ReplicaHasCaughtUpAsync(player);
        await UntilServingAsync(monitor);

        // Delayed replication: the replica applies each event an hour after the primary wrote it, so
        // from the next write on it is behind by more and more seconds, a known lag beyond the bound.
        await servers.OnReplicaAsync("STOP SLAVE; CHANGE MASTER TO MASTER_DELAY = 3600; START SLAVE");
        try
        {
            await player.PlayAsync();
            await UntilAsync(async () =>
            {
                await monitor.CheckAsync();
                return monitor.Lag > TimeSpan.FromSeconds(1);
            }, "the delayed replica to report a lag beyond the 1 s bound");
            Assert.False(monitor.ServesReads, $"a replica {monitor.Lag} behind serves no reads under a 1 s bound");
            var onPrimary = await player.SeenOnAsync(primary);
            Assert.NotEqual(onPrimary, await player.SeenOnAsync(replica));
            Assert.Equal(onPrimary, await player.SeenOnAsync(reads));
        }
        finally
        {
            await servers.OnReplicaAsync("STOP SLAVE; CHANGE MASTER TO MASTER_DELAY = 0; START SLAVE");
        }

        await ReplicaHasCaughtUpAsync(player);
        await UntilServingAsync(monitor);
        await AssertServedByReplicaAsync(player, reads);
    }

    [Fact]
    public async Task A_replica_whose_link_to_the_primary_stalls_is_taken_off_the_reads_by_its_heartbeat_though_it_reads_zero_seconds_behind()
    {
        // The replica reaches the primary through a relay that can stall: connected, yet nothing arrives.
        await using var link = PausableTcpProxy.Start(servers.PrimaryPort);
        await servers.OnReplicaAsync($"STOP SLAVE; CHANGE MASTER TO MASTER_PORT = {link.Port}; START SLAVE");
        try
        {
            var (monitor, reads) = RoutedReads(maxLag: TimeSpan.FromSeconds(2));
            var player = new Player(primary);
            await player.PlayAsync();
            await ReplicaHasCaughtUpAsync(player);
            await UntilServingAsync(monitor);

            link.Pause();
            await player.PlayAsync();
            await UntilAsync(async () =>
            {
                await monitor.CheckAsync();
                return !monitor.ServesReads;
            }, "the heartbeat to take the stalled replica off the reads");

            // What SHOW REPLICA STATUS alone would have said: replicating, and not a second behind.
            Assert.Equal(("Yes", "Yes", 0L), await servers.ReplicaStatusAsync());
            Assert.True(monitor.Lag > TimeSpan.FromSeconds(2), $"the lag is {monitor.Lag}");
            var onPrimary = await player.SeenOnAsync(primary);
            Assert.NotEqual(onPrimary, await player.SeenOnAsync(replica));
            Assert.Equal(onPrimary, await player.SeenOnAsync(reads));

            // The link flows again: what was held back arrives, and the reads return to the replica.
            link.Resume();
            await ReplicaHasCaughtUpAsync(player);
            await UntilServingAsync(monitor);
            await AssertServedByReplicaAsync(player, reads);
        }
        finally
        {
            link.Resume();
            await servers.OnReplicaAsync($"STOP SLAVE; CHANGE MASTER TO MASTER_PORT = {servers.PrimaryPort}; START SLAVE");
        }
    }

    [Fact]
    public async Task A_read_that_fails_on_a_replica_gone_down_is_served_by_the_primary_and_reads_return_once_the_replica_runs_again()
    {
        var (monitor, reads) = RoutedReads();
        var player = new Player(primary);
        await player.PlayAsync();
        await ReplicaHasCaughtUpAsync(player);
        await UntilServingAsync(monitor);

        await servers.StopReplicaAsync();
        try
        {
            // The monitor still takes the replica for current: the read goes there, fails, and is made on the primary in the same call.
            await player.PlayAsync();
            Assert.True(monitor.ServesReads);
            Assert.Equal(await player.SeenOnAsync(primary), await player.SeenOnAsync(reads));
            Assert.False(monitor.ServesReads, "a replica that failed a read serves no more reads");

            await monitor.CheckAsync();
            Assert.False(monitor.ServesReads, "an unreachable replica serves no reads");
            Assert.Null(monitor.Lag);
            Assert.Equal(await player.SeenOnAsync(primary), await player.SeenOnAsync(reads));
        }
        finally
        {
            await servers.StartReplicaAsync();
        }

        // Restarted, it resumes replication where it stopped and catches up with what it missed.
        await ReplicaHasCaughtUpAsync(player);
        await UntilServingAsync(monitor);
        await AssertServedByReplicaAsync(player, reads);
    }

    [Fact]
    public async Task A_silo_given_the_replicas_connection_string_serves_history_from_it_and_from_the_primary_while_replication_is_stopped()
    {
        await using var cluster = new ProcessCluster(servers.PrimaryConnectionString, siloCount: 1, settings: new Dictionary<string, string>
        {
            ["ConnectionStrings:GameServerReadReplica"] = servers.ReplicaConnectionString,
            ["Database:ReplicaCheckInterval"] = "00:00:00.250",
        });
        await cluster.StartAllAsync();
        await cluster.ConnectClientAsync();
        using var http = new HttpClient { BaseAddress = cluster.HttpAddress(0) };
        var wallet = cluster.Client.GetGrain<IWalletGrain>(Random.Shared.NextInt64(10_000_000_000, 90_000_000_000));

        await wallet.CreditDeposit($"replica-{Guid.NewGuid():N}", Money.FromMajor(10), "test");
        await UntilAsync(async () => await MetricAsync(http, "gameserver_replica_serving") == 1, "the silo to take the replica for current");
        // The replica has the deposit once the page read through it shows it.
        await UntilAsync(async () => (await wallet.GetTransactions(1, 10)).Total == 1, "the deposit to reach the replica");
        var servedByReplica = await MetricAsync(http, "gameserver_history_reads_total", "source=\"replica\"") ?? 0;
        await cluster.Client.GetGrain<IGamePeriodGrain>(new GameKey(GameId.Wingo, 60).ToString()).GetResults(1, 10);
        await cluster.Client.GetGrain<IBusinessReportGrain>(0).Daily(null, null);
        Assert.Equal(1, (await wallet.GetTransactions(1, 10)).Total);
        await UntilAsync(async () => await MetricAsync(http, "gameserver_history_reads_total", "source=\"replica\"") >= servedByReplica + 3,
            "the silo's metrics to count a transactions page, a results page and a report read on the replica");
        Assert.NotNull(await MetricAsync(http, "db_client_connections_max", "pool_name=\"read-replica\""));

        await servers.OnReplicaAsync("STOP SLAVE SQL_THREAD");
        try
        {
            await UntilAsync(async () => await MetricAsync(http, "gameserver_replica_serving") == 0, "the silo to take reads off the stopped replica");
            await wallet.CreditDeposit($"replica-{Guid.NewGuid():N}", Money.FromMajor(10), "test");
            var servedByPrimary = await MetricAsync(http, "gameserver_history_reads_total", "source=\"primary\"") ?? 0;
            Assert.Equal(2, (await wallet.GetTransactions(1, 10)).Total);
            await UntilAsync(async () => await MetricAsync(http, "gameserver_history_reads_total", "source=\"primary\"") > servedByPrimary,
                "the silo's metrics to count the page read on the primary");
        }
        finally
        {
            await servers.OnReplicaAsync("START SLAVE SQL_THREAD");
        }

        await UntilAsync(async () => await MetricAsync(http, "gameserver_replica_serving") == 1, "the silo to take the replica back");
        await UntilAsync(async () => (await wallet.GetTransactions(1, 10)).Total == 2, "the replica to catch up with the second deposit");
    }

    /// <summary>Routed reads whose monitor checks only when the test says (its periodic loop is not started).</summary>
    private (ReadReplicaMonitor Monitor, IHistoryReads Reads) RoutedReads(TimeSpan? maxLag = null)
    {
        var options = Options.Create(new ReadReplicaOptions { ReplicaMaxLag = maxLag ?? TimeSpan.FromSeconds(5), ReplicaCheckInterval = TimeSpan.FromSeconds(5) });
        var monitor = new ReadReplicaMonitor(replicaSource, primarySource, options, NullLogger<ReadReplicaMonitor>.Instance);
        return (monitor, new ReplicaRoutedHistoryReads(primary, replica, monitor));
    }

    private async Task ReplicaHasCaughtUpAsync(Player player)
    {
        var onPrimary = await player.SeenOnAsync(primary);
        await UntilAsync(async () => await player.SeenOnAsync(replica) == onPrimary, "the replica to have what the primary has");
    }

    private static Task UntilServingAsync(ReadReplicaMonitor monitor) =>
        UntilAsync(async () =>
        {
            await monitor.CheckAsync();
            return monitor.ServesReads;
        }, "the monitor to find the replica current");

    /// <summary>
    /// The reads are the replica's: with its SQL thread stopped, a new write reaches the primary only,
    /// and the reads do not show it (the monitor has not looked since). Replication runs again after.
    /// </summary>
    private async Task AssertServedByReplicaAsync(Player player, IHistoryReads reads)
    {
        Assert.Equal(await player.SeenOnAsync(primary), await player.SeenOnAsync(reads));
        await servers.OnReplicaAsync("STOP SLAVE SQL_THREAD");
        try
        {
            await player.PlayAsync();
            var onReplica = await player.SeenOnAsync(replica);
            Assert.NotEqual(await player.SeenOnAsync(primary), onReplica);
            Assert.Equal(onReplica, await player.SeenOnAsync(reads));
        }
        finally
        {
            await servers.OnReplicaAsync("START SLAVE SQL_THREAD");
        }
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, string waitingFor)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Waited {Patience.TotalSeconds} s for {waitingFor}.");
            await Task.Delay(100);
        }
    }

    /// <summary>A sample's value from a silo's /metrics (Prometheus text), the first whose labels contain <paramref name="label"/>; null if none.</summary>
    private static async Task<double?> MetricAsync(HttpClient http, string name, string label = "")
    {
        var text = await http.GetStringAsync(new Uri("metrics", UriKind.Relative));
        foreach (var line in text.Split('\n'))
        {
            if ((line.StartsWith(name + "{", StringComparison.Ordinal) || line.StartsWith(name + " ", StringComparison.Ordinal)) && line.Contains(label, StringComparison.Ordinal))
            {
                var value = line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0];
                return double.Parse(value, CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    /// <summary>What the four history reads show of one player, one day and one game.</summary>
    private sealed record Seen(long Transactions, long Bets, long Results, long DepositsThatDay);

    /// <summary>
    /// A player of a day of their own in the past, written on the primary as a wallet writes: each round a
    /// deposit, a stake with its bet, and the drawn result of the bet's period.
    /// </summary>
    private sealed class Player(IJournalStore store)
    {
        private static readonly GameKey Game = new(GameId.Wingo, 60);
        private readonly long account = Random.Shared.NextInt64(10_000_000_000, 90_000_000_000);
        private readonly DateTimeOffset day = new(DateTime.UtcNow.Date.AddDays(-Random.Shared.Next(30, 3000)), TimeSpan.Zero);
        private long seq;
        private Money balance;

        public async Task PlayAsync()
        {
            var at = day.AddHours(1).AddMinutes(seq);
            await AppendAsync(LedgerEntryType.Deposit, Money.FromMajor(10), at);
            var period = Schedule.PeriodAt(Game, at).PeriodId;
            var bet = new BetRecord($"replica-{account}-{seq}", account, Game, period, new BetSelection(BetType.Size, "big"), Money.FromMajor(1), at);
            await AppendAsync(LedgerEntryType.BetStake, -bet.Stake, at, bet);
            await store.SavePeriodResultAsync(new PeriodResult(Game, period, "commit", "seed", new GameResult([1, 2, 3]), at, at));
        }

        public async Task<Seen> SeenOnAsync(IHistoryReads reads)
        {
            var transactions = await reads.ReadPageAsync(account, 1, 1);
            var bets = await reads.ReadBetHistoryAsync(account, day, day.AddDays(1), 1, 1);
            var results = await reads.ReadPeriodResultsAsync(Game, 1, 1);
            var report = Assert.Single(await reads.ReadDailyReportAsync(ReportRules.DayOf(day), ReportRules.DayOf(day)));
            return new Seen(transactions.Total, bets.Total, results.Total, report.Of(LedgerEntryType.Deposit).Entries);
        }

        private async Task AppendAsync(LedgerEntryType type, Money amount, DateTimeOffset at, BetRecord? bet = null)
        {
            seq++;
            balance += amount;
            var entry = new LedgerEntry(account, seq, $"replica-{seq}", type, amount, Money.Zero, balance, Money.Zero, "replica test", bet?.PeriodId, at);
            Assert.Equal(AppendOutcome.Appended, Assert.Single(await store.AppendBatchAsync([new JournalAppend(entry, bet)])).Outcome);
        }
    }
}
