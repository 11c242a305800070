namespace GameServer.Grains.Journal;

/// <summary>
/// A journal store: one durable medium holding the ledger, the bet book, the game history, the staff
/// audit trail, what the audit reads and the history pages and reports, written together where
/// they must be (a stake and its bet in one step). Implemented in memory (Development, tests) and on
/// MySQL (Production); both pass the same contract tests. Grains never take this whole: each is given
/// the part it reads.
/// </summary>
public interface IJournalStore : IJournalWriter, ILedger, IBetBook, IGameHistory, ILedgerAudit, IStaffAuditTrail, IHistoryReads;
