using GameServer.Games;

namespace GameServer.Wallet;

[GenerateSerializer, Immutable]
public sealed record WalletTotals([property: Id(0)] Money Recharge, [property: Id(1)] Money Withdrawal);

/// <summary>
/// A player's money. The only writer of that player's ledger; every change carries an operation id,
/// and a repeat of one returns the first result and changes nothing. Key: user id. Responsible-play
/// rules (SPEC §6) hold on every path that moves money toward or away from the player: deposits,
/// bets and bonuses; payouts and refunds of bets already placed, withdrawals and staff corrections
/// are not limited.
/// </summary>
public interface IWalletGrain : IGrainWithIntegerKey
{
    Task<Balance> GetBalance();

    /// <summary>
    /// Tells <paramref name="observer"/> of every change of this balance for the lease returned
    /// (<c>Wallet:WatchExpiry</c>); a frontend calls it again, well inside the lease, while it holds the
    /// player's connections. Never waits behind the wallet's other calls.
    /// </summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<TimeSpan> Watch(IBalanceObserver observer);

    /// <summary>Total deposits and paid withdrawals, for the team and attendance rules.</summary>
    Task<WalletTotals> GetTotals();

    /// <summary>
    /// This account's ledger entries, newest first (SPEC §1, §7): <paramref name="page"/> is 1-based,
    /// <paramref name="limit"/> entries per page; with <paramref name="type"/>, only entries of that type
    /// (filtered by the journal store, so <see cref="LedgerPage.Total"/> counts them).
    /// </summary>
    Task<LedgerPage> GetTransactions(int page, int limit, LedgerEntryType? type = null);

    /// <summary>
    /// Reserves a pending deposit order's amount against today's deposit limit, together with what
    /// was deposited today and the other pending orders (SPEC §6). Repeating it for the same order
    /// changes nothing. Passing the limit is <see cref="ErrorKind.Conflict"/>, self-exclusion
    /// <see cref="ErrorKind.Forbidden"/>; neither moves money.
    /// </summary>
    Task ReserveDeposit(string orderId, Money amount);

    /// <summary>Drops the reservation of an order the gateway reported failed.</summary>
    Task ReleaseDeposit(string orderId);

    /// <summary>
    /// Credits a confirmed gateway payment once (the operation id is derived from the order id) and
    /// ends its reservation. A payment past a limit lowered meanwhile, or during self-exclusion, is
    /// still credited (the money arrived) and flagged for staff (<see cref="IDepositReviewGrain"/>).
    /// </summary>
    Task<LedgerEntry> CreditDeposit(string orderId, Money amount, string gateway);

    /// <summary>
    /// Holds funds for a withdrawal to the player's saved method <paramref name="payoutMethodId"/> and
    /// records the request, with a full copy of the method's destination, in the same durable step (SPEC §5).
    /// A method the player has not saved is <see cref="ErrorKind.NotFound"/>; one still in its cooling-off is
    /// <see cref="ErrorKind.Conflict"/> carrying <c>usable_from</c> (<see cref="PayoutMethodRules.CoolingOffRefusal"/>);
    /// a balance that does not cover it is <see cref="ErrorKind.Conflict"/>. A repeat of a request made
    /// returns its first receipt, whatever became of the method since.
    /// </summary>
    Task<WithdrawalReceipt> RequestWithdrawal(string withdrawalId, Money amount, string payoutMethodId);

    /// <summary>
    /// Pays (takes out of held funds) or releases (back to the balance) a held withdrawal of this
    /// player, recording the decision, with the admin's optional reason, with the entry. Unknown id:
    /// <see cref="ErrorKind.NotFound"/>; already decided: <see cref="ErrorKind.Conflict"/>; a reason over
    /// <see cref="WithdrawalDecision.MaxReasonLength"/> characters: <see cref="ErrorKind.Invalid"/>.
    /// </summary>
    Task<Withdrawal> SettleWithdrawal(string withdrawalId, bool paid, long adminId, string? reason = null);

    /// <summary>An admin's credit (positive) or debit (negative) with a mandatory reason.</summary>
    Task<LedgerEntry> AdminAdjust(string operationId, Money signedAmount, string reason, long adminId);

    /// <summary>
    /// Credits a bonus, commission or rebate (<see cref="LedgerEntryType.AttendanceBonus"/>,
    /// <see cref="LedgerEntryType.ReferralCommission"/>, <see cref="LedgerEntryType.Rebate"/>); none during
    /// self-exclusion (SPEC §6) or suspension (SPEC §4): <see cref="ErrorKind.Forbidden"/>.
    /// </summary>
    Task<LedgerEntry> CreditBonus(string operationId, LedgerEntryType type, Money amount, string reference);

    /// <summary>
    /// Stakes a bet: checks self-exclusion, the stake range, the loss limit and the balance, has the
    /// game admit it to its open period (<see cref="IGamePeriodGrain.AdmitBet"/>), checks the bets per
    /// period, then writes stake and bet in one durable step.
    /// </summary>
    Task<BetReceipt> PlaceBet(BetRequest request);

    /// <summary>Pays the winners among this player's bets of a period (once per bet); returns the balance after.</summary>
    Task<Balance> SettleBets(PeriodSettlement settlement);

    /// <summary>Gives back the stakes of bets whose period could not be drawn (once per bet).</summary>
    Task<Balance> RefundBets(IReadOnlyList<BetRecord> bets);

    /// <summary>
    /// The player's bets placed in [<paramref name="from"/>, <paramref name="to"/>), newest first, 1-based
    /// pages of <paramref name="limit"/>; without bounds, the last <c>Wallet:BetHistoryDays</c> (90) up to now
    /// by the game clock. <paramref name="games"/> (default: every game) keeps one game, one duration or
    /// both (SPEC §7), filtered by the journal store.
    /// </summary>
    Task<BetHistoryPage> GetBetHistory(DateTimeOffset? from, DateTimeOffset? to, int page, int limit, GameFilter? games = null);

    /// <summary>
    /// Staff suspended (true) or reinstated (false) the player (SPEC §4), told by the player's account: while
    /// suspended, bets, deposit orders, withdrawals and bonuses are <see cref="ErrorKind.Forbidden"/>; payouts and
    /// refunds of bets already placed, a payment already made at a gateway, and staff decisions still go through.
    /// </summary>
    Task SetSuspended(bool suspended);

    Task<ResponsiblePlayLimits> GetLimits();

    Task<ResponsiblePlayLimits> ChangeLimits(LimitChange change);

    Task<ResponsiblePlayLimits> SelfExclude(TimeSpan duration);
}
