using GameServer.Wallet;

namespace GameServer.Grains.Journal;

public enum AppendOutcome
{
    Appended,

    /// <summary>The account already has an entry with this operation id: the operation happened before.</summary>
    DuplicateOperation,

    /// <summary>The account already has an entry with this seq: someone else wrote it; reload and retry.</summary>
    SeqConflict,
}

[GenerateSerializer, Immutable]
public sealed record AppendResult([property: Id(0)] AppendOutcome Outcome, [property: Id(1)] LedgerEntry? Existing = null)
{
    public static readonly AppendResult Appended = new(AppendOutcome.Appended);
}

/// <summary>
/// Where ledger entries live. Append-only; unique (account, seq) and (account, operation id), so a
/// duplicate activation or a retried call can never write twice. Implemented in memory (Development,
/// tests) and on MySQL (Production); both pass the same contract tests.
/// </summary>
public interface ILedgerStore
{
    /// <summary>Writes a batch in one durable step; each entry gets its own outcome, in order.</summary>
    Task<IReadOnlyList<AppendResult>> AppendBatchAsync(IReadOnlyList<LedgerEntry> entries, CancellationToken cancellationToken = default);

    Task<LedgerEntry?> GetLatestAsync(long accountId, CancellationToken cancellationToken = default);

    Task<LedgerEntry?> FindOperationAsync(long accountId, string operationId, CancellationToken cancellationToken = default);

    /// <summary>Newest first; <paramref name="page"/> is 1-based.</summary>
    Task<LedgerPage> ReadPageAsync(long accountId, int page, int limit, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<LedgerEntry>> ReadSinceAsync(long accountId, DateTimeOffset since, CancellationToken cancellationToken = default);

    /// <summary>Feeds every entry, ordered by account and seq, to the auditor.</summary>
    Task AuditAsync(LedgerAuditor auditor, CancellationToken cancellationToken = default);
}
