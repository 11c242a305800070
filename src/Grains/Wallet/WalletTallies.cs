using GameServer.Grains.Journal;
using GameServer.Wallet;

namespace GameServer.Grains.Wallet;

/// <summary>
/// What a wallet sums from its ledger: today's deposits and net loss for the daily limits (SPEC §6), and
/// the lifetime deposits and paid withdrawals its team sees and the turnover of its VIP level (SPEC §4). Read once per activation (and per
/// new day), then kept by folding each appended entry in.
/// </summary>
internal sealed class WalletTallies(long accountId, ILedger ledger)
{
    public DailyTally Today { get; private set; } = DailyTally.Empty;

    public WalletTotals Totals { get; private set; } = new(Money.Zero, Money.Zero);

    /// <summary>Lifetime turnover: stakes less refunds, the measure of the VIP level (SPEC §4).</summary>
    public Money Turnover { get; private set; } = Money.Zero;

    /// <summary>Reads both from the ledger as of <paramref name="now"/>.</summary>
    public async Task LoadAsync(DateTimeOffset now)
    {
        Today = DailyTally.Empty;
        var (recharge, withdrawal) = await ledger.ReadTotalsAsync(accountId);
        Totals = new WalletTotals(recharge, withdrawal);
        Turnover = await ledger.ReadTurnoverAsync(accountId);
        await RefreshDayAsync(now);
    }

    /// <summary>Starts the day of <paramref name="now"/> from the ledger if the tally is of another day.</summary>
    public async Task RefreshDayAsync(DateTimeOffset now)
    {
        var day = DailyTally.DayOf(now);
        if (Today.Day == day)
        {
            return;
        }

        var entries = await ledger.ReadSinceAsync(accountId, new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        Today = entries.Aggregate(new DailyTally(day, Money.Zero, Money.Zero), (tally, entry) => tally.With(entry, day));
    }

    /// <summary>Folds in an entry appended at <paramref name="now"/>.</summary>
    public void Fold(LedgerEntry entry, DateTimeOffset now)
    {
        Today = Today.With(entry, DailyTally.DayOf(now));
        Totals = entry.Type switch
        {
            LedgerEntryType.Deposit => Totals with { Recharge = Totals.Recharge + entry.Amount },
            LedgerEntryType.WithdrawalPaid => Totals with { Withdrawal = Totals.Withdrawal - entry.HeldChange },
            _ => Totals,
        };
        if (entry.Type is LedgerEntryType.BetStake or LedgerEntryType.BetRefund)
        {
            Turnover -= entry.Amount;
        }
    }
}
