namespace GameServer.Wallet;

/// <summary>
/// A player's money. The only writer of that player's ledger; every change carries an operation id,
/// and a repeat of one returns the first result and changes nothing. Key: user id.
/// </summary>
public interface IWalletGrain : IGrainWithIntegerKey
{
    Task<Balance> GetBalance();

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

    Task<ResponsiblePlayLimits> GetLimits();

    Task<ResponsiblePlayLimits> ChangeLimits(LimitChange change);

    Task<ResponsiblePlayLimits> SelfExclude(TimeSpan duration);
}
