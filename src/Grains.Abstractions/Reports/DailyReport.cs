using GameServer.Games;
using GameServer.Wallet;

namespace GameServer.Reports;

/// <summary>
/// One ledger entry type's movement over one UTC day (SPEC §7 "Reports"): the sum of its entries'
/// magnitudes in minor units, counted as the conservation audit counts them (SPEC §1: a paid
/// withdrawal by the held funds it takes out, every other type by |amount|), how many entries, and
/// how many distinct accounts they belong to.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record Movement([property: Id(0)] Money Amount, [property: Id(1)] long Entries, [property: Id(2)] long Accounts)
{
    public static Movement None { get; } = new(Money.Zero, 0, 0);
}

/// <summary>
/// One game-duration (e.g. <c>wingo-60</c>) over one UTC day, read from the bet book (SPEC §7 "Reports"):
/// <see cref="ActivePlayers"/> (distinct), <see cref="Bets"/> and <see cref="Stakes"/> of the bets placed
/// that day; <see cref="Payouts"/> to winners and <see cref="Refunds"/> of stakes given back, of the bets
/// settled that day (whenever placed). Amounts in minor units.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record GameDay(
    [property: Id(0)] GameKey Game,
    [property: Id(1)] long ActivePlayers,
    [property: Id(2)] long Bets,
    [property: Id(3)] Money Stakes,
    [property: Id(4)] Money Payouts,
    [property: Id(5)] Money Refunds)
{
    /// <summary>Gross gaming revenue: <c>stakes − payouts − refunds</c>, what the house kept (<see cref="ReportRules.Ggr"/>).</summary>
    public Money Ggr => ReportRules.Ggr(Stakes, Payouts, Refunds);
}

/// <summary>
/// One UTC day of the daily business report (SPEC §7 "Reports"): every ledger entry type's
/// <see cref="Movement"/> (every type present, zero when none moved), and each game-duration with bets
/// placed or settled that day, in catalogue order. The named figures are read from the movements, so
/// the day's totals are the ledger's own and add up, over any days, to the conservation audit's totals.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ReportDay(
    [property: Id(0)] DateOnly Day,
    [property: Id(1)] IReadOnlyDictionary<LedgerEntryType, Movement> Movements,
    [property: Id(2)] IReadOnlyList<GameDay> Games)
{
    public Movement Of(LedgerEntryType type) => Movements.GetValueOrDefault(type) ?? Movement.None;

    /// <summary>Distinct accounts that staked a bet this day.</summary>
    public long ActivePlayers => Of(LedgerEntryType.BetStake).Accounts;

    /// <summary>Bets staked this day (one stake entry each).</summary>
    public long Bets => Of(LedgerEntryType.BetStake).Entries;

    public Money Stakes => Of(LedgerEntryType.BetStake).Amount;

    public Money Payouts => Of(LedgerEntryType.BetPayout).Amount;

    public Money Refunds => Of(LedgerEntryType.BetRefund).Amount;

    /// <summary>Gross gaming revenue of the day's ledger: <see cref="ReportRules.Ggr"/>.</summary>
    public Money Ggr => ReportRules.Ggr(Stakes, Payouts, Refunds);

    public Money Deposits => Of(LedgerEntryType.Deposit).Amount;

    /// <summary>Withdrawals paid out (the held funds that left), not requests or releases.</summary>
    public Money WithdrawalsPaid => Of(LedgerEntryType.WithdrawalPaid).Amount;

    /// <summary>Attendance bonuses (SPEC §4).</summary>
    public Money Bonuses => Of(LedgerEntryType.AttendanceBonus).Amount;

    /// <summary>Referral commissions (SPEC §4).</summary>
    public Money Commissions => Of(LedgerEntryType.ReferralCommission).Amount;

    /// <summary>The daily VIP betting rebates (SPEC §4).</summary>
    public Money Rebates => Of(LedgerEntryType.Rebate).Amount;

    public Money AdminCredits => Of(LedgerEntryType.AdminCredit).Amount;

    public Money AdminDebits => Of(LedgerEntryType.AdminDebit).Amount;
}

/// <summary>The daily business report of the UTC days <see cref="From"/> to <see cref="To"/> (inclusive), one <see cref="ReportDay"/> per day, oldest first.</summary>
[GenerateSerializer, Immutable]
public sealed record DailyReport(
    [property: Id(0)] DateOnly From,
    [property: Id(1)] DateOnly To,
    [property: Id(2)] IReadOnlyList<ReportDay> Days);
