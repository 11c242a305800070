using GameServer.Games;
using GameServer.Wallet;

namespace GameServer.Grains.Journal;

/// <summary>
/// The ledger: every account's entries, append-only, unique by (account, seq) and by (account,
/// operation id), so a duplicate activation or a retried call can never write twice; with the records
/// written in the same durable step as an entry (withdrawal requests and decisions, deposit flags).
/// Grains append through <see cref="GroupCommitJournal"/> (which alone holds the <see cref="IJournalWriter"/>), never one entry per round trip; they read here,
/// always from the primary, except a player's transaction pages (<see cref="IHistoryReads"/>).
/// </summary>
public interface ILedger
{
    Task<LedgerEntry?> GetLatestAsync(long accountId, CancellationToken cancellationToken = default);

    Task<LedgerEntry?> FindOperationAsync(long accountId, string operationId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<LedgerEntry>> ReadSinceAsync(long accountId, DateTimeOffset since, CancellationToken cancellationToken = default);

    /// <summary>An account's total deposits and total paid withdrawals.</summary>
    Task<(Money Recharge, Money Withdrawal)> ReadTotalsAsync(long accountId, CancellationToken cancellationToken = default);

    /// <summary>An account's lifetime turnover: its stakes less its refunds.</summary>
    Task<Money> ReadTurnoverAsync(long accountId, CancellationToken cancellationToken = default);

    /// <summary>Per account, stakes less refunds of the entries written in [from, to).</summary>
    Task<IReadOnlyList<(long AccountId, Money Stake)>> ReadNetStakesAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);

    /// <summary>A withdrawal request with its decision, if it has one.</summary>
    Task<Withdrawal?> ReadWithdrawalAsync(string withdrawalId, CancellationToken cancellationToken = default);

    /// <summary>Withdrawal requests by status and player, newest first.</summary>
    Task<WithdrawalPage> ReadWithdrawalsAsync(WithdrawalQuery query, CancellationToken cancellationToken = default);

    /// <summary>Deposits credited past a responsible-play rule, of one player or all, newest first.</summary>
    Task<FlaggedDepositPage> ReadFlaggedDepositsAsync(long? userId, int page, int limit, CancellationToken cancellationToken = default);
}
