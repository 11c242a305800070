using System.Diagnostics;
using GameServer.Games;
using GameServer.Grains.Journal;
using GameServer.Testing;
using GameServer.Wallet;
using MySqlConnector;

namespace GameServer.Integration.Tests;

/// <summary>
/// The backup and restore drill (issue 19) on real MariaDB and real silo processes: scripts/db-backup.sh
/// while players deposit and bet, scripts/db-restore.sh into a second MariaDB, the audit over the copy,
/// every account of the copy at a balance the source had, and a silo on the copy serving those balances.
/// </summary>
[Collection(ProductionSiloCollection.Name)]
public sealed class BackupRestoreTests : IAsyncLifetime
{
    private readonly string sourceName = $"gameserver_bk{Guid.NewGuid():N}"[..20];
    private readonly string restoreDirectory = Path.Combine(ProcessCluster.RepositoryRoot(), ".run", $"restore-test-{Guid.NewGuid():N}"[..25]);
    private readonly string backupDirectory = Path.Combine(Path.GetTempPath(), "gameserver-tests", $"backups-{Guid.NewGuid():N}");
    private readonly int restorePort = TestPorts.Free();
    private string sourceConnection = "";

    public async Task InitializeAsync() =>
        // A database of its own on the suite's server (scripts/db-up.sh with DB_PORT/DB_DIR of scripts/test.sh): its audit counts nobody else's entries.
        sourceConnection = await Script(new Dictionary<string, string> { ["DB_NAME"] = sourceName }, "db-up.sh");

    public async Task DisposeAsync()
    {
        // The restore's MariaDB is this test's: stopped and wiped whatever happened.
        await Script(new Dictionary<string, string> { ["DB_DIR"] = restoreDirectory }, "db-down.sh", "--wipe");
        if (Directory.Exists(backupDirectory))
        {
            Directory.Delete(backupDirectory, recursive: true);
        }

        if (sourceConnection.Length > 0)
        {
            await Execute(sourceConnection, $"DROP DATABASE IF EXISTS `{sourceName}`");
        }
    }

    [Fact]
    public async Task A_backup_taken_while_players_bet_restores_conserved_with_the_sources_balances_and_a_silo_serves_them()
    {
        string clusterId;
        var players = Enumerable.Range(0, 6).Select(_ => Random.Shared.NextInt64(10_000_000_000, 90_000_000_000)).ToArray();
        string backup;
        var source = new ProcessCluster(sourceConnection, siloCount: 1);
        await using (source)
        {
            clusterId = source.ClusterId;
            await source.StartAllAsync();
            await source.ConnectClientAsync();

            using var stop = new CancellationTokenSource();
            var operations = 0;
            var load = players.Select(player => Task.Run(async () =>
            {
                var wallet = source.Client.GetGrain<IWalletGrain>(player);
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    await wallet.CreditDeposit($"bk-{player}-{i}", Money.FromMajor(20 + (i % 7)), "test");
                    Interlocked.Increment(ref operations);
                    if (i % 3 != 0)
                    {
                        await Task.Delay(20);
                        continue;
                    }

                    try
                    {
                        var bet = new BetRequest($"bk-bet-{Guid.NewGuid():N}", new GameKey(GameId.Wingo, 60), null, new BetSelection(BetType.Size, i % 2 == 0 ? "big" : "small"), Money.FromMajor(1 + (i % 3)));
                        await wallet.PlaceBet(bet);
                        Interlocked.Increment(ref operations);
                    }
                    catch (GameServerException)
                    {
                        // The betting window closes for the last seconds of each period; a player has at most so many bets in one.
                    }
                }
            })).ToArray();

            await Task.Delay(TimeSpan.FromSeconds(3));
            var beforeBackup = Volatile.Read(ref operations);
            backup = await Script(new Dictionary<string, string> { ["DB_NAME"] = sourceName }, "db-backup.sh", "--out", backupDirectory);
            var afterBackup = Volatile.Read(ref operations);
            await Task.Delay(TimeSpan.FromSeconds(2));
            await stop.CancelAsync();
            await Task.WhenAll(load);
            Assert.True(beforeBackup > 0 && Volatile.Read(ref operations) > afterBackup, $"players kept playing through the backup ({beforeBackup}, {afterBackup}, {operations})");
        }

        var manifest = File.ReadAllLines(Path.Combine(backup, "manifest.env")).Select(line => line.Split('=', 2)).ToDictionary(pair => pair[0], pair => pair[1]);
        Assert.Equal(sourceName, manifest["database"]);
        Assert.StartsWith("mariadb-bin.", manifest["binlog_file"], StringComparison.Ordinal);
        Assert.True(long.Parse(manifest["binlog_position"], System.Globalization.CultureInfo.InvariantCulture) > 0);

        var restored = await Script(new Dictionary<string, string>(), "db-restore.sh", backup,
            "--port", restorePort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--dir", restoreDirectory, "--name", "gameserver_restored");
        Assert.Contains($"Port={restorePort};Database=gameserver_restored;", restored, StringComparison.Ordinal);

        // The copy is conserved on its own.
        await using (var dataSource = new MySqlDataSourceBuilder(restored).Build())
        {
            var auditor = new LedgerAuditor();
            await new MySqlJournalStore(dataSource, new SeedSecretSealer(MariaDb.SeedSecretKey), MariaDb.PayoutSealer).AuditAsync(auditor);
            var report = auditor.Report(DateTimeOffset.UtcNow);
            Assert.True(report.Conserved, string.Join("; ", report.Violations));
        }

        // The snapshot holds a prefix of each account's ledger: its last entry is one the source has, balances and all.
        var copy = await LastEntries(restored);
        var now = await LastEntries(sourceConnection);
        Assert.All(players, player => Assert.True(copy.ContainsKey(player), $"player {player} is in the backup"));
        Assert.True(now.Values.Sum(entry => entry.Seq) > copy.Values.Sum(entry => entry.Seq), "the source went on after the backup");
        foreach (var (account, last) in copy)
        {
            var atBackup = await EntryAt(sourceConnection, account, last.Seq);
            Assert.Equal((last.Balance, last.Held), atBackup);
        }

        Assert.InRange(copy.Values.Sum(entry => entry.Seq),
            long.Parse(manifest["ledger_entries_rows_before"], System.Globalization.CultureInfo.InvariantCulture),
            long.Parse(manifest["ledger_entries_rows_after"], System.Globalization.CultureInfo.InvariantCulture));

        // A silo of the same service on the copy serves the copy's balances and finds it conserved.
        await using var onCopy = new ProcessCluster(restored, siloCount: 1, clusterId);
        await onCopy.StartAllAsync();
        await onCopy.ConnectClientAsync();
        foreach (var player in players)
        {
            // Settlement of a period may append to the ledger meanwhile: compare against a ledger read unchanged on both sides of the call.
            for (var attempt = 0; ; attempt++)
            {
                var ledgerBefore = (await LastEntries(restored))[player];
                var balance = await onCopy.Client.GetGrain<IWalletGrain>(player).GetBalance();
                var ledgerAfter = (await LastEntries(restored))[player];
                if (ledgerBefore != ledgerAfter && attempt < 5)
                {
                    continue;
                }

                Assert.Equal((ledgerAfter.Seq, ledgerAfter.Balance, ledgerAfter.Held), (balance.LastSeq, balance.Available.MinorUnits, balance.Held.MinorUnits));
                break;
            }
        }

        var audit = await onCopy.Client.GetGrain<ILedgerAuditGrain>(0).Audit();
        Assert.True(audit.Conserved, string.Join("; ", audit.Violations));
    }

    private static async Task<Dictionary<long, (long Seq, long Balance, long Held)>> LastEntries(string connectionString)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT e.account_id, e.seq, e.balance_after, e.held_after FROM ledger_entries e
            JOIN (SELECT account_id, MAX(seq) AS seq FROM ledger_entries GROUP BY account_id) m ON m.account_id = e.account_id AND m.seq = e.seq
            """;
        await using var reader = await command.ExecuteReaderAsync();
        var entries = new Dictionary<long, (long, long, long)>();
        while (await reader.ReadAsync())
        {
            entries[reader.GetInt64(0)] = (reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
        }

        return entries;
    }

    private static async Task<(long Balance, long Held)> EntryAt(string connectionString, long account, long seq)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT balance_after, held_after FROM ledger_entries WHERE account_id = @a AND seq = @s";
        command.Parameters.AddWithValue("@a", account);
        command.Parameters.AddWithValue("@s", seq);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"the source has account {account}'s entry {seq}");
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private static async Task Execute(string connectionString, string sql)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Runs scripts/<paramref name="name"/> and returns the last line it printed.</summary>
    private static async Task<string> Script(IReadOnlyDictionary<string, string> environment, string name, params string[] arguments)
    {
        var info = new ProcessStartInfo("bash", [Path.Combine(ProcessCluster.RepositoryRoot(), "scripts", name), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{name} failed ({process.ExitCode}): {await output} {await error}");
        }

        return (await output).TrimEnd().Split('\n')[^1];
    }
}
