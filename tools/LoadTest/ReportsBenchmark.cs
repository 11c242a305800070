using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using GameServer.Grains.Journal;
using GameServer.Reports;
using MySqlConnector;

namespace GameServer.LoadTest;

/// <summary>
/// The daily business report on MariaDB (issue 18): times <see cref="MySqlJournalStore.ReadDailyReportAsync"/>,
/// the very call the report grain makes, for the last day of a filled journal and for all of its days,
/// and the commission job's <see cref="MySqlJournalStore.ReadNetStakesAsync"/> for that last day; then checks
/// the report against plain counts of the tables, so a fast answer is also a right one. The journal is
/// filled beforehand (scripts/bench-reports.sh does it with SQL).
/// </summary>
public static class ReportsBenchmark
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static async Task<int> RunAsync(Options options)
    {
        var connectionString = options.MySql ?? throw new ArgumentException("--mysql is required");
        var first = DateOnly.ParseExact(options.From ?? throw new ArgumentException("--from is required"), "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var last = first.AddDays(options.Days - 1);
        await using var dataSource = new MySqlDataSourceBuilder(connectionString).Build();
        // Reports read no seed chain, so any sealing key will do.
        var store = new MySqlJournalStore(dataSource, new SeedSecretSealer(System.Security.Cryptography.RandomNumberGenerator.GetBytes(SeedSecretSealer.KeyBytes)),
            new GameServer.Grains.Wallet.PayoutSealer(System.Security.Cryptography.RandomNumberGenerator.GetBytes(GameServer.Grains.Wallet.PayoutSealer.KeyBytes)));

        var oneDay = await Time(options.Runs, () => store.ReadDailyReportAsync(last, last));
        var allDays = await Time(options.Runs, () => store.ReadDailyReportAsync(first, last));
        var (lastStart, lastEnd) = ReportRules.Bounds(last, last);
        var netStakes = await Time(options.Runs, () => store.ReadNetStakesAsync(lastStart, lastEnd));

        var report = await store.ReadDailyReportAsync(first, last);
        var (start, end) = ReportRules.Bounds(first, last);
        var counted = new
        {
            entries = await Count(dataSource, "SELECT COUNT(*) FROM ledger_entries WHERE created_at >= @s AND created_at < @e", start, end),
            bets = await Count(dataSource, "SELECT COUNT(*) FROM bets WHERE placed_at >= @s AND placed_at < @e", start, end),
        };
        var reported = new
        {
            entries = report.Sum(day => day.Movements.Values.Sum(movement => movement.Entries)),
            bets = report.Sum(day => day.Games.Sum(game => game.Bets)),
        };

        var result = new
        {
            from = first.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            to = last.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            entries = counted.entries,
            bets = counted.bets,
            runs = options.Runs,
            one_day_ms = oneDay,
            all_days_ms = allDays,
            net_stakes_one_day_ms = netStakes,
            checked_against_counts = counted.entries == reported.entries && counted.bets == reported.bets,
            measured_at = DateTimeOffset.UtcNow,
        };
        var json = JsonSerializer.Serialize(result, Indented);
        Console.WriteLine(json);
        if (options.Out is { } path)
        {
            await File.WriteAllTextAsync(path, json);
        }

        return result.checked_against_counts ? 0 : 1;
    }

    /// <summary>The first call (caches as they were) and the median and slowest of the rest, in milliseconds.</summary>
    private static async Task<object> Time<T>(int runs, Func<Task<T>> call)
    {
        var times = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await call();
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        var warm = times.Skip(1).Order().ToList();
        return new
        {
            first = Math.Round(times[0], 1),
            median = warm.Count == 0 ? Math.Round(times[0], 1) : Math.Round(warm[warm.Count / 2], 1),
            max = Math.Round(times.Max(), 1),
        };
    }

    private static async Task<long> Count(MySqlDataSource dataSource, string sql, DateTimeOffset start, DateTimeOffset end)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("@s", start.UtcDateTime);
        command.Parameters.AddWithValue("@e", end.UtcDateTime);
        command.CommandTimeout = 600;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
