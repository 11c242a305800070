namespace GameServer.Grains.Journal;

/// <summary>
/// The journal's one write path for ledger entries and the records written with them. Only
/// <see cref="GroupCommitJournal"/> holds it, so every append from a grain shares a batch with others.
/// </summary>
public interface IJournalWriter
{
    /// <summary>
    /// Writes a batch in one durable step; each entry gets its own outcome, in order, and the records
    /// that come with an entry (bet, withdrawal, decision, flag) are written exactly when it is.
    /// </summary>
    Task<IReadOnlyList<AppendResult>> AppendBatchAsync(IReadOnlyList<JournalAppend> appends, CancellationToken cancellationToken = default);
}
