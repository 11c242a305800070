using GameServer.Wallet;

namespace GameServer.Grains.Journal;

/// <summary>
/// Checks SPEC §1 conservation from the entries alone: per account the seq runs 1, 2, 3 … and each
/// entry's balances follow from the previous ones; every type moves money only its own way; and the
/// sum of final balances and held funds equals deposits − paid withdrawals + credits − debits +
/// bonuses + commissions + rebates − stakes + payouts + refunds. Entries must arrive ordered by account, seq.
/// </summary>
public sealed class LedgerAuditor
{
    private const int MaxViolationsReported = 100;

    private readonly Dictionary<LedgerEntryType, Money> totals = Enum.GetValues<LedgerEntryType>().ToDictionary(type => type, _ => Money.Zero);
    private readonly List<string> violations = [];
    private long accounts;
    private long entries;
    private Money totalBalances;
    private Money totalHeld;
    private LedgerEntry? previous;

    public void Observe(LedgerEntry entry)
    {
        entries++;
        var startsAccount = previous is null || previous.AccountId != entry.AccountId;
        if (startsAccount)
        {
            CloseAccount();
            accounts++;
        }

        var (expectedSeq, balanceBefore, heldBefore) = startsAccount ? (1L, Money.Zero, Money.Zero) : (previous!.Seq + 1, previous.BalanceAfter, previous.HeldAfter);
        if (entry.Seq != expectedSeq)
        {
            Violation($"account {entry.AccountId}: seq {entry.Seq} where {expectedSeq} was expected");
        }

        if (entry.BalanceAfter != balanceBefore + entry.Amount || entry.HeldAfter != heldBefore + entry.HeldChange)
        {
            Violation($"account {entry.AccountId} seq {entry.Seq}: balances do not follow from the previous entry");
        }

        if (entry.BalanceAfter < Money.Zero || entry.HeldAfter < Money.Zero)
        {
            Violation($"account {entry.AccountId} seq {entry.Seq}: negative balance or held funds");
        }

        if (!MovesMoneyItsOwnWay(entry))
        {
            Violation($"account {entry.AccountId} seq {entry.Seq}: a {entry.Type} entry moves money the wrong way");
        }

        totals[entry.Type] += Magnitude(entry);
        previous = entry;
    }

    public AuditReport Report(DateTimeOffset checkedAt)
    {
        CloseAccount();
        previous = null;
        var expected = totals[LedgerEntryType.Deposit] - totals[LedgerEntryType.WithdrawalPaid]
            + totals[LedgerEntryType.AdminCredit] - totals[LedgerEntryType.AdminDebit]
            + totals[LedgerEntryType.AttendanceBonus] + totals[LedgerEntryType.ReferralCommission] + totals[LedgerEntryType.Rebate]
            - totals[LedgerEntryType.BetStake] + totals[LedgerEntryType.BetPayout] + totals[LedgerEntryType.BetRefund];
        if (expected != totalBalances + totalHeld)
        {
            Violation($"balances {totalBalances} + held {totalHeld} differ from the movements' total {expected}");
        }

        return new AuditReport(violations.Count == 0, accounts, entries, totalBalances, totalHeld, totals, expected, violations, checkedAt);
    }

    private void CloseAccount()
    {
        if (previous is not null)
        {
            totalBalances += previous.BalanceAfter;
            totalHeld += previous.HeldAfter;
        }
    }

    private void Violation(string message)
    {
        if (violations.Count < MaxViolationsReported)
        {
            violations.Add(message);
        }
    }

    private static bool MovesMoneyItsOwnWay(LedgerEntry entry) => entry.Type switch
    {
        LedgerEntryType.WithdrawalHold => entry.Amount < Money.Zero && entry.HeldChange == -entry.Amount,
        LedgerEntryType.WithdrawalRelease => entry.Amount > Money.Zero && entry.HeldChange == -entry.Amount,
        LedgerEntryType.WithdrawalPaid => entry.Amount == Money.Zero && entry.HeldChange < Money.Zero,
        LedgerEntryType.BetStake or LedgerEntryType.AdminDebit => entry.Amount < Money.Zero && entry.HeldChange == Money.Zero,
        _ => entry.Amount > Money.Zero && entry.HeldChange == Money.Zero,
    };

    /// <summary>
    /// How much money an entry moves, as the conservation identity counts it (never negative): a paid
    /// withdrawal the held funds it takes out, every other type its |amount|. The business reports sum
    /// the same magnitudes, so their totals add up to this audit's.
    /// </summary>
    public static Money Magnitude(LedgerEntry entry) => entry.Type == LedgerEntryType.WithdrawalPaid
        ? -entry.HeldChange
        : entry.Amount < Money.Zero ? -entry.Amount : entry.Amount;
}
