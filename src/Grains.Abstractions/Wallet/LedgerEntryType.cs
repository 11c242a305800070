namespace GameServer.Wallet;

/// <summary>Why a balance changed (SPEC §1). Each type moves money in one direction only.</summary>
public enum LedgerEntryType
{
    Deposit,
    WithdrawalHold,
    WithdrawalRelease,
    WithdrawalPaid,
    BetStake,
    BetPayout,
    BetRefund,
    AdminCredit,
    AdminDebit,
    AttendanceBonus,
    ReferralCommission,
}
