using GameServer.Games;

namespace GameServer.Wallet;

[GenerateSerializer, Immutable]
public sealed record WalletTotals([property: Id(0)] Money Recharge, [property: Id(1)] Money Withdrawal);

/// <summary>
/// A player's money. The only writer of that player's ledger; every change carries an operation id,
/// and a repeat of one returns the first result and changes nothing. Key: user id.
/// </summary>
public interface IWalletGrain : IGrainWithIntegerKey
{
    Task<Balance> GetBalance();

    /// <summary>Total deposits and paid withdrawals, for the team and attendance rules.</summary>
    Task<WalletTotals> GetTotals();

    Task<LedgerPage> GetTransactions(int page, int limit);

    /// <summary>Refuses (without side effects) a deposit the player's limits or self-exclusion forbid.</summary>
    Task EnsureDepositAllowed(Money amount);

    /// <summary>Credits a confirmed gateway payment; the operation id is derived from the order id.</summary>
    Task<LedgerEntry> CreditDeposit(string orderId, Money amount, string gateway);

    /// <summary>Holds funds for a withdrawal and files it with the withdrawal desk.</summary>
    Task<LedgerEntry> RequestWithdrawal(string withdrawalId, Money amount);

    /// <summary>Pays (takes out of held funds) or releases (back to the balance) a held withdrawal.</summary>
    Task<LedgerEntry> SettleWithdrawal(string withdrawalId, Money amount, bool paid, long adminId);

    /// <summary>An admin's credit (positive) or debit (negative) with a mandatory reason.</summary>
    Task<LedgerEntry> AdminAdjust(string operationId, Money signedAmount, string reason, long adminId);

    /// <summary>Credits a bonus or commission (<see cref="LedgerEntryType.AttendanceBonus"/>, <see cref="LedgerEntryType.ReferralCommission"/>).</summary>
    Task<LedgerEntry> CreditBonus(string operationId, LedgerEntryType type, Money amount, string reference);

    /// <summary>Stakes a bet: checks the schedule, limits and balance, then writes stake and bet in one durable step.</summary>
    Task<BetReceipt> PlaceBet(BetRequest request);

    /// <summary>Pays the winners among this player's bets of a period (once per bet); returns the balance after.</summary>
    Task<Balance> SettleBets(PeriodSettlement settlement);

    /// <summary>Gives back the stakes of bets whose period could not be drawn (once per bet).</summary>
    Task<Balance> RefundBets(IReadOnlyList<BetRecord> bets);

    Task<BetHistoryPage> GetBetHistory(DateTimeOffset from, DateTimeOffset to, int page, int limit);

    Task<ResponsiblePlayLimits> GetLimits();

    Task<ResponsiblePlayLimits> ChangeLimits(LimitChange change);

    Task<ResponsiblePlayLimits> SelfExclude(TimeSpan duration);
}
