using System.Diagnostics;
using System.Text.Json;
using GameServer.Grains.Journal;
using GameServer.Wallet;
using Microsoft.Extensions.Options;
using MySqlConnector;

namespace GameServer.LoadTest;

/// <summary>
/// Durable ledger appends on MariaDB: the same writers (one account each, appending one entry after
/// another as a wallet does) once through the group-committing journal and once with one transaction
/// per entry, as the old system wrote.
/// </summary>
public static class JournalBenchmark
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static async Task<int> RunAsync(Options options)
    {
        var connectionString = options.MySql ?? throw new ArgumentException("--mysql is required");
        await using var dataSource = new MySqlDataSourceBuilder(connectionString).Build();
        // The benchmark writes ledger entries only; no seed chain is sealed, so any key will do.
        var store = new MySqlJournalStore(dataSource, new SeedSecretSealer(System.Security.Cryptography.RandomNumberGenerator.GetBytes(SeedSecretSealer.KeyBytes)),
            new GameServer.Grains.Wallet.PayoutSealer(System.Security.Cryptography.RandomNumberGenerator.GetBytes(GameServer.Grains.Wallet.PayoutSealer.KeyBytes)));

        var single = await Measure("one entry per transaction", options, entry => store.AppendBatchAsync([new JournalAppend(entry)]).ContinueWith(t => t.Result[0], TaskScheduler.Default));
        await using var journal = new GroupCommitJournal(store, Microsoft.Extensions.Options.Options.Create(new JournalOptions()));
        var batchSizes = new List<int>();
        journal.BatchWritten += (size, _) => { lock (batchSizes) { batchSizes.Add(size); } };
        var batched = await Measure("group commit", options, entry => journal.AppendAsync(new JournalAppend(entry)));

        var report = new
        {
            entries = options.Entries,
            writers = options.Writers,
            one_per_transaction_per_second = Math.Round(single),
            group_commit_per_second = Math.Round(batched),
            ratio = Math.Round(batched / single, 2),
            mean_batch_size = batchSizes.Count == 0 ? 0 : Math.Round(batchSizes.Average(), 1),
            measured_at = DateTimeOffset.UtcNow,
        };
        var json = JsonSerializer.Serialize(report, Indented);
        Console.WriteLine(json);
        if (options.Out is { } path)
        {
            await File.WriteAllTextAsync(path, json);
        }

        return 0;
    }

    private static async Task<double> Measure(string name, Options options, Func<LedgerEntry, Task<AppendResult>> append)
    {
        var runId = Random.Shared.NextInt64(1, 1_000_000) * 1_000_000_000L;
        var perWriter = options.Entries / options.Writers;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, options.Writers).Select(async writer =>
        {
            var account = runId + writer;
            for (var seq = 1; seq <= perWriter; seq++)
            {
                var entry = new LedgerEntry(account, seq, $"bench-{seq}", LedgerEntryType.Deposit, new Money(100), Money.Zero,
                    new Money(100L * seq), Money.Zero, "benchmark", null, DateTimeOffset.UtcNow);
                var result = await append(entry);
                if (result.Outcome != AppendOutcome.Appended)
                {
                    throw new InvalidOperationException($"{name}: entry {account}/{seq} was not appended ({result.Outcome}).");
                }
            }
        }));
        var rate = perWriter * options.Writers / watch.Elapsed.TotalSeconds;
        Console.WriteLine($"{name}: {perWriter * options.Writers} entries in {watch.Elapsed.TotalSeconds:F1} s = {rate:F0}/s");
        return rate;
    }
}
