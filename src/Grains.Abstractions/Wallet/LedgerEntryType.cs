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

    /// <summary>The daily betting rebate of the player's VIP level (SPEC §4).</summary>
    Rebate,
}

/// <summary>
/// The wire names of <see cref="LedgerEntryType"/> (SPEC §1: <c>deposit</c>, <c>withdrawal_hold</c> …
/// <c>referral_commission</c>, <c>rebate</c>): the names the JSON carries, read back from a request in one place.
/// </summary>
public static class LedgerEntryTypes
{
    /// <summary>Every type by its wire name (any case), in the order of SPEC §1.</summary>
    public static readonly IReadOnlyDictionary<string, LedgerEntryType> WireNames = Enum.GetValues<LedgerEntryType>()
        .ToDictionary(WireName, type => type, StringComparer.OrdinalIgnoreCase);

    /// <summary>The snake_case name the JSON uses, e.g. <c>bet_stake</c>.</summary>
    public static string WireName(this LedgerEntryType type) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(type.ToString());

    /// <summary>
    /// The type named by <paramref name="name"/> (a wire name, any case); null or empty is no type (every
    /// entry). Anything else is refused with a problem naming the valid ones.
    /// </summary>
    public static bool TryParseFilter(string? name, out LedgerEntryType? type, out string? problem)
    {
        (type, problem) = (null, null);
        if (string.IsNullOrEmpty(name))
        {
            return true;
        }

        if (WireNames.TryGetValue(name, out var found))
        {
            type = found;
            return true;
        }

        problem = $"type must be one of: {string.Join(", ", Enum.GetValues<LedgerEntryType>().Select(WireName))}.";
        return false;
    }
}
