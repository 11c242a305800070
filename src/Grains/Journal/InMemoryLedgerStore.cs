using GameServer.Wallet;

namespace GameServer.Grains.Journal;

/// <summary>
/// The ledger in this process's memory, for the Development profile and tests. One instance must be
/// shared by every silo of a cluster hosted in one process; nothing survives the process.
/// </summary>
public sealed class InMemoryLedgerStore : ILedgerStore
{
    private readonly Lock gate = new();
    private readonly SortedDictionary<long, AccountLedger> accounts = [];

    public Task<IReadOnlyList<AppendResult>> AppendBatchAsync(IReadOnlyList<LedgerEntry> entries, CancellationToken cancellationToken = default)
    {
        var results = new AppendResult[entries.Count];
        lock (gate)
        {
            for (var i = 0; i < entries.Count; i++)
            {
                var entry = entries[i];
                if (!accounts.TryGetValue(entry.AccountId, out var ledger))
                {
                    accounts[entry.AccountId] = ledger = new AccountLedger();
                }

                results[i] = ledger.ByOperation.TryGetValue(entry.OperationId, out var existing)
                    ? new AppendResult(AppendOutcome.DuplicateOperation, existing)
                    : entry.Seq != ledger.Entries.Count + 1
                        ? new AppendResult(AppendOutcome.SeqConflict)
                        : ledger.Add(entry);
            }
        }

        return Task.FromResult<IReadOnlyList<AppendResult>>(results);
    }

    public Task<LedgerEntry?> GetLatestAsync(long accountId, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return Task.FromResult(accounts.TryGetValue(accountId, out var ledger) && ledger.Entries.Count > 0 ? ledger.Entries[^1] : null);
        }
    }

    public Task<LedgerEntry?> FindOperationAsync(long accountId, string operationId, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return Task.FromResult(accounts.TryGetValue(accountId, out var ledger) ? ledger.ByOperation.GetValueOrDefault(operationId) : null);
        }
    }

    public Task<LedgerPage> ReadPageAsync(long accountId, int page, int limit, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            if (!accounts.TryGetValue(accountId, out var ledger))
            {
                return Task.FromResult(new LedgerPage([], page, limit, 0));
            }

            var newestFirst = Enumerable.Range(0, ledger.Entries.Count).Reverse().Skip((page - 1) * limit).Take(limit).Select(i => ledger.Entries[i]).ToList();
            return Task.FromResult(new LedgerPage(newestFirst, page, limit, ledger.Entries.Count));
        }
    }

    public Task<IReadOnlyList<LedgerEntry>> ReadSinceAsync(long accountId, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            IReadOnlyList<LedgerEntry> found = accounts.TryGetValue(accountId, out var ledger)
                ? ledger.Entries.Where(entry => entry.CreatedAt >= since).ToList()
                : [];
            return Task.FromResult(found);
        }
    }

    public Task AuditAsync(LedgerAuditor auditor, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            foreach (var entry in accounts.Values.SelectMany(ledger => ledger.Entries))
            {
                auditor.Observe(entry);
            }
        }

        return Task.CompletedTask;
    }

    private sealed class AccountLedger
    {
        public List<LedgerEntry> Entries { get; } = [];
        public Dictionary<string, LedgerEntry> ByOperation { get; } = new(StringComparer.Ordinal);

        public AppendResult Add(LedgerEntry entry)
        {
            Entries.Add(entry);
            ByOperation[entry.OperationId] = entry;
            return AppendResult.Appended;
        }
    }
}
