using GameServer.Games;
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
/// One ledger entry to append with the records that belong to it and are written exactly when it is:
/// the bet a stake pays for, the withdrawal request a hold is for, the decision a paid or released
/// withdrawal carries out, the flag of a deposit credited past a responsible-play rule.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record JournalAppend(
    [property: Id(0)] LedgerEntry Entry,
    [property: Id(1)] BetRecord? Bet = null,
    [property: Id(2)] Withdrawal? Withdrawal = null,
    [property: Id(3)] WithdrawalDecision? Decision = null,
    [property: Id(4)] FlaggedDeposit? Flag = null);

/// <summary>A period's seed, stored when the period opens.</summary>
[GenerateSerializer, Immutable]
public sealed record OpenedPeriod([property: Id(0)] GameKey Game, [property: Id(1)] string PeriodId, [property: Id(2)] byte[] Seed);

/// <summary>A day's seed chain (SPEC §3 rule 5): its secret (plain here; a store may seal it at rest), its anchor (hex) and when it was made.</summary>
[GenerateSerializer, Immutable]
public sealed record StoredSeedChain(
    [property: Id(0)] GameKey Game,
    [property: Id(1)] DateOnly Day,
    [property: Id(2)] byte[] Secret,
    [property: Id(3)] string Anchor,
    [property: Id(4)] DateTimeOffset CreatedAt);

/// <summary>What one period's bets staked, paid and refunded (minor units), and how many still have no outcome.</summary>
public sealed record PeriodBetTotals(string PeriodId, long Bets, Money Staked, Money Paid, Money Refunded, long Unsettled);

/// <summary>What was staked on one selection, refunded bets left out.</summary>
public sealed record SelectionStake(BetSelection Selection, Money Staked);

/// <summary>
/// Where ledger entries, bets, their outcomes and drawn periods live. Append-only; unique (account, seq) and (account, operation id), so a
/// duplicate activation or a retried call can never write twice. Implemented in memory (Development,
/// tests) and on MySQL (Production); both pass the same contract tests.
/// </summary>
public interface IJournalStore
{
    /// <summary>
    /// Writes a batch in one durable step; each entry gets its own outcome, in order, and the records
    /// that come with an entry (bet, withdrawal, decision, flag) are written exactly when it is.
    /// </summary>
    Task<IReadOnlyList<AppendResult>> AppendBatchAsync(IReadOnlyList<JournalAppend> appends, CancellationToken cancellationToken = default);

    Task<LedgerEntry?> GetLatestAsync(long accountId, CancellationToken cancellationToken = default);

    Task<LedgerEntry?> FindOperationAsync(long accountId, string operationId, CancellationToken cancellationToken = default);

    /// <summary>Newest first; <paramref name="page"/> is 1-based.</summary>
    Task<LedgerPage> ReadPageAsync(long accountId, int page, int limit, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<LedgerEntry>> ReadSinceAsync(long accountId, DateTimeOffset since, CancellationToken cancellationToken = default);

    /// <summary>An account's total deposits and total paid withdrawals.</summary>
    Task<(Money Recharge, Money Withdrawal)> ReadTotalsAsync(long accountId, CancellationToken cancellationToken = default);

    /// <summary>Per account, stakes less refunds of the entries written in [from, to).</summary>
    Task<IReadOnlyList<(long AccountId, Money Stake)>> ReadNetStakesAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);

    /// <summary>Every bet of a period with its outcome if it has one.</summary>
    Task<IReadOnlyList<SettledBet>> ReadPeriodBetsAsync(GameKey game, string periodId, CancellationToken cancellationToken = default);

    /// <summary>Bets of a game with no outcome yet, in periods <paramref name="fromPeriodId"/> (inclusive) to <paramref name="toPeriodId"/> (exclusive).</summary>
    Task<IReadOnlyList<BetRecord>> ReadUnsettledBetsAsync(GameKey game, string fromPeriodId, string toPeriodId, CancellationToken cancellationToken = default);

    Task<int> CountUserBetsAsync(long userId, GameKey game, string periodId, CancellationToken cancellationToken = default);

    /// <summary>Records outcomes; an outcome already recorded for a bet stays as it was.</summary>
    Task RecordOutcomesAsync(IReadOnlyList<BetOutcome> outcomes, CancellationToken cancellationToken = default);

    /// <summary>A player's bets of all games placed in [from, to), newest first.</summary>
    Task<BetHistoryPage> ReadBetHistoryAsync(long userId, DateTimeOffset from, DateTimeOffset to, int page, int limit, CancellationToken cancellationToken = default);

    /// <summary>Stores the seed of a period as it opens, before its commit is published; the first seed stays.</summary>
    Task<OpenedPeriod> SaveOpenedPeriodAsync(OpenedPeriod period, CancellationToken cancellationToken = default);

    /// <summary>A period's stored seed, if the period was ever opened.</summary>
    Task<OpenedPeriod?> ReadOpenedPeriodAsync(GameKey game, string periodId, CancellationToken cancellationToken = default);

    /// <summary>The most recently opened period of a game, if it ever opened one.</summary>
    Task<OpenedPeriod?> ReadLatestOpenedPeriodAsync(GameKey game, CancellationToken cancellationToken = default);

    /// <summary>Stores a drawn period; the first record for a period stays.</summary>
    Task SavePeriodResultAsync(PeriodResult result, CancellationToken cancellationToken = default);

    Task<PeriodResult?> ReadPeriodResultAsync(GameKey game, string periodId, CancellationToken cancellationToken = default);

    /// <summary>Newest first.</summary>
    Task<PeriodResultPage> ReadPeriodResultsAsync(GameKey game, int page, int limit, CancellationToken cancellationToken = default);

    /// <summary>A withdrawal request with its decision, if it has one.</summary>
    Task<Withdrawal?> ReadWithdrawalAsync(string withdrawalId, CancellationToken cancellationToken = default);

    /// <summary>Withdrawal requests by status and player, newest first.</summary>
    Task<WithdrawalPage> ReadWithdrawalsAsync(WithdrawalQuery query, CancellationToken cancellationToken = default);

    /// <summary>Deposits credited past a responsible-play rule, of one player or all, newest first.</summary>
    Task<FlaggedDepositPage> ReadFlaggedDepositsAsync(long? userId, int page, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores a day's seed chain unless one is stored; returns the stored one (the first stays). A store
    /// with a clock of its own (MySQL) records the later of <see cref="StoredSeedChain.CreatedAt"/> and its time.
    /// </summary>
    Task<StoredSeedChain> SaveSeedChainAsync(StoredSeedChain chain, CancellationToken cancellationToken = default);

    Task<StoredSeedChain?> ReadSeedChainAsync(GameKey game, DateOnly day, CancellationToken cancellationToken = default);

    /// <summary>Every game's anchors of the days <paramref name="from"/> to <paramref name="to"/> (inclusive), by day then game; never a secret.</summary>
    Task<IReadOnlyList<DayAnchor>> ReadDayAnchorsAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default);

    /// <summary>The stored results of periods <paramref name="fromPeriodId"/> to <paramref name="toPeriodId"/> (inclusive), oldest first.</summary>
    Task<IReadOnlyList<PeriodResult>> ReadPeriodResultsBetweenAsync(GameKey game, string fromPeriodId, string toPeriodId, CancellationToken cancellationToken = default);

    /// <summary>Per period with bets, <paramref name="fromPeriodId"/> to <paramref name="toPeriodId"/> (inclusive): bets, stakes, payouts, refunds, bets without an outcome.</summary>
    Task<IReadOnlyList<PeriodBetTotals>> ReadPeriodBetTotalsAsync(GameKey game, string fromPeriodId, string toPeriodId, CancellationToken cancellationToken = default);

    /// <summary>Stakes per selection over periods <paramref name="fromPeriodId"/> to <paramref name="toPeriodId"/> (inclusive), refunded bets left out.</summary>
    Task<IReadOnlyList<SelectionStake>> ReadStakesBySelectionAsync(GameKey game, string fromPeriodId, string toPeriodId, CancellationToken cancellationToken = default);

    /// <summary>Feeds every entry, ordered by account and seq, to the auditor.</summary>
    Task AuditAsync(LedgerAuditor auditor, CancellationToken cancellationToken = default);
}
