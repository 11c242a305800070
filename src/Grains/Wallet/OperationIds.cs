using GameServer.Games;

namespace GameServer.Grains.Wallet;

/// <summary>
/// The operation id of every kind of ledger entry, in one place: an account has at most one entry per
/// operation id (SPEC §1), so these strings are what makes each money operation happen once. Changing
/// one would let an operation already in the ledger happen again.
/// </summary>
internal static class OperationIds
{
    /// <summary>The stake of a bet.</summary>
    public static string Stake(string betId) => $"bet:{betId}";

    /// <summary>A bet's payout or its refund: one id, so a bet moves money back at most once whichever happens.</summary>
    public static string Settlement(string betId) => $"settle:{betId}";

    /// <summary>The credit of a paid deposit order.</summary>
    public static string Deposit(string orderId) => $"deposit:{orderId}";

    /// <summary>The hold of a withdrawal request.</summary>
    public static string WithdrawalHold(string withdrawalId) => $"withdrawal:{withdrawalId}";

    /// <summary>A withdrawal paid or released: one id, so a withdrawal is settled one way, once.</summary>
    public static string WithdrawalSettled(string withdrawalId) => $"withdrawal-settled:{withdrawalId}";

    /// <summary>The attendance bonus of one UTC day (SPEC §4): one claim a day.</summary>
    public static string Attendance(DateOnly day) => $"attendance:{day:yyyyMMdd}";

    /// <summary>The referral commission on one UTC day's stakes (SPEC §4): one payment per upline a day.</summary>
    public static string Commission(DateOnly day) => $"commission:{day:yyyyMMdd}";

    /// <summary>The VIP betting rebate on one UTC day's stakes (SPEC §4): one payment per player a day.</summary>
    public static string Rebate(DateOnly day) => $"rebate:{day:yyyyMMdd}";

    /// <summary>The reference of a stake: the game and what was backed.</summary>
    public static string StakeReference(GameKey game, BetSelection selection) => $"bet:{game}:{selection}";
}
