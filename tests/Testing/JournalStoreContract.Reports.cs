using GameServer.Games;
using GameServer.Grains.Journal;
using GameServer.Reports;
using GameServer.Wallet;
using Xunit;

namespace GameServer.Testing;

/// <summary>The daily business report's aggregates (SPEC §7 "Reports"), the same on every store.</summary>
public abstract partial class JournalStoreContract
{
    private static readonly GameKey Wingo60 = new(GameId.Wingo, 60);
    private static readonly GameKey K3180 = new(GameId.K3, 180);

    [Fact]
    public async Task A_daily_report_gives_each_day_every_entry_types_movement_and_each_game_durations_bets_payouts_refunds_and_ggr()
    {
        var (day1, _) = await WriteTwoDaysOfBusiness();
        var (day2, day3) = (day1.AddDays(1), day1.AddDays(2));

        var days = await Store.ReadDailyReportAsync(day1, day3);

        Assert.Equal([day1, day2, day3], days.Select(day => day.Day));
        Assert.All(days, day => Assert.Equal(Enum.GetValues<LedgerEntryType>(), day.Movements.Keys.Order()));

        var first = days[0];
        AssertMovements(first, new()
        {
            [LedgerEntryType.Deposit] = new(new Money(15_000), 2, 2),
            [LedgerEntryType.BetStake] = new(new Money(3_800), 4, 2),
            [LedgerEntryType.BetPayout] = new(new Money(1_960), 1, 1),
            [LedgerEntryType.AttendanceBonus] = new(new Money(100), 1, 1),
        });
        Assert.Equal((2L, 4L, new Money(3_800), new Money(1_960), Money.Zero, new Money(1_840)),
            (first.ActivePlayers, first.Bets, first.Stakes, first.Payouts, first.Refunds, first.Ggr));
        Assert.Equal((new Money(15_000), Money.Zero, new Money(100), Money.Zero, Money.Zero), (first.Deposits, first.WithdrawalsPaid, first.Bonuses, first.Commissions, first.Rebates));
        Assert.Equal(
            [new GameDay(Wingo60, 2, 3, new Money(3_300), new Money(1_960), Money.Zero), new GameDay(K3180, 1, 1, new Money(500), Money.Zero, Money.Zero)],
            first.Games);
        Assert.Equal([new Money(1_340), new Money(500)], first.Games.Select(game => game.Ggr));

        var second = days[1];
        AssertMovements(second, new()
        {
            [LedgerEntryType.WithdrawalHold] = new(new Money(4_000), 2, 2),
            [LedgerEntryType.WithdrawalPaid] = new(new Money(3_000), 1, 1),
            [LedgerEntryType.WithdrawalRelease] = new(new Money(1_000), 1, 1),
            [LedgerEntryType.BetStake] = new(new Money(500), 2, 2),
            [LedgerEntryType.BetPayout] = new(new Money(800), 1, 1),
            [LedgerEntryType.BetRefund] = new(new Money(300), 1, 1),
            [LedgerEntryType.AdminCredit] = new(new Money(50), 1, 1),
            [LedgerEntryType.AdminDebit] = new(new Money(20), 1, 1),
            [LedgerEntryType.ReferralCommission] = new(new Money(70), 1, 1),
            [LedgerEntryType.Rebate] = new(new Money(30), 1, 1),
        });
        Assert.Equal((2L, 2L, new Money(500), new Money(800), new Money(300), new Money(-600)),
            (second.ActivePlayers, second.Bets, second.Stakes, second.Payouts, second.Refunds, second.Ggr));
        Assert.Equal((Money.Zero, new Money(3_000), new Money(70), new Money(30), new Money(50), new Money(20)),
            (second.Deposits, second.WithdrawalsPaid, second.Commissions, second.Rebates, second.AdminCredits, second.AdminDebits));
        // The wingo bet placed in the day's last millisecond was refunded after midnight: its stake is the first day's, its refund the second's.
        Assert.Equal(
            [new GameDay(Wingo60, 0, 0, Money.Zero, Money.Zero, new Money(300)), new GameDay(K3180, 2, 2, new Money(500), new Money(800), Money.Zero)],
            second.Games);
        Assert.Equal([new Money(-300), new Money(-300)], second.Games.Select(game => game.Ggr));

        var empty = days[2];
        Assert.All(empty.Movements.Values, movement => Assert.Equal(Movement.None, movement));
        Assert.Empty(empty.Games);
    }

    [Fact]
    public async Task Entries_bets_and_outcomes_at_23_59_59_999_fall_on_their_day_and_at_midnight_on_the_next()
    {
        var day = RandomDay();
        var midnight = new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var lastMillisecond = midnight.AddMilliseconds(-1);
        var account = new AccountWriter(Store, NewAccount());
        await account.Append(LedgerEntryType.Deposit, 1_000, lastMillisecond);
        await account.Append(LedgerEntryType.Deposit, 2_000, midnight);
        var late = await account.Stake(Wingo60, 100, lastMillisecond);
        var early = await account.Stake(Wingo60, 200, midnight);
        await Store.RecordOutcomesAsync([Outcome(late, BetOutcomeKind.Won, 196, lastMillisecond), Outcome(early, BetOutcomeKind.Won, 392, midnight)]);

        var both = await Store.ReadDailyReportAsync(day, day.AddDays(1));
        var before = Assert.Single(await Store.ReadDailyReportAsync(day, day));
        var after = Assert.Single(await Store.ReadDailyReportAsync(day.AddDays(1), day.AddDays(1)));

        Assert.Equal([before, after], both, ReportDayComparer.Instance);
        Assert.Equal((new Money(1_000), new Money(100), 1L), (before.Deposits, before.Stakes, before.Bets));
        Assert.Equal((new Money(2_000), new Money(200), 1L), (after.Deposits, after.Stakes, after.Bets));
        Assert.Equal(new GameDay(Wingo60, 1, 1, new Money(100), new Money(196), Money.Zero), Assert.Single(before.Games));
        Assert.Equal(new GameDay(Wingo60, 1, 1, new Money(200), new Money(392), Money.Zero), Assert.Single(after.Games));
        Assert.Empty(Assert.Single(await Store.ReadDailyReportAsync(day.AddDays(-1), day.AddDays(-1))).Games);
    }

    [Fact]
    public async Task The_days_movements_add_up_to_the_ledger_audits_totals_of_the_same_entries()
    {
        var (day1, written) = await WriteTwoDaysOfBusiness();
        var auditor = new LedgerAuditor();
        foreach (var entry in written.OrderBy(entry => entry.AccountId).ThenBy(entry => entry.Seq))
        {
            auditor.Observe(entry);
        }

        var audit = auditor.Report(DateTimeOffset.UtcNow);
        var days = await Store.ReadDailyReportAsync(day1, day1.AddDays(2));

        Assert.True(audit.Conserved, string.Join("; ", audit.Violations));
        foreach (var type in Enum.GetValues<LedgerEntryType>())
        {
            Assert.Equal(audit.TotalsByType[type], days.Aggregate(Money.Zero, (sum, day) => sum + day.Of(type).Amount));
        }

        Assert.Equal(audit.Entries, days.Sum(day => day.Movements.Values.Sum(movement => movement.Entries)));
        Assert.Equal(audit.TotalBalances + audit.TotalHeld, days.Aggregate(Money.Zero, (sum, day) =>
            sum + day.Deposits - day.WithdrawalsPaid + day.AdminCredits - day.AdminDebits + day.Bonuses + day.Commissions + day.Rebates - day.Stakes + day.Payouts + day.Refunds));
    }

    [Fact]
    public async Task Net_stakes_of_a_window_are_each_accounts_stakes_less_refunds_written_in_it_from_its_start_to_before_its_end()
    {
        var day = RandomDay();
        var noon = new DateTimeOffset(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
        var (a, b, c) = (new AccountWriter(Store, NewAccount()), new AccountWriter(Store, NewAccount()), new AccountWriter(Store, NewAccount()));
        foreach (var account in new[] { a, b, c })
        {
            await account.Append(LedgerEntryType.Deposit, 10_000, noon.AddHours(-1));
        }

        // The window runs from noon to noon the next day: across midnight, as a store that reads by day must still get right.
        await a.Stake(Wingo60, 100, noon.AddTicks(-10)); // before the window
        await a.Stake(Wingo60, 200, noon); // its first instant
        await a.Stake(K3180, 300, noon.AddHours(13)); // after midnight
        await a.Append(LedgerEntryType.BetRefund, 300, noon.AddHours(14));
        await a.Append(LedgerEntryType.BetPayout, 5_000, noon.AddHours(15)); // not a stake
        await a.Stake(Wingo60, 400, noon.AddDays(1)); // the window's end: outside
        await b.Stake(Wingo60, 50, noon.AddHours(23).AddMinutes(59));
        await c.Stake(Wingo60, 70, noon.AddHours(1));
        await c.Append(LedgerEntryType.BetRefund, 70, noon.AddHours(2)); // all given back: no net stake

        var stakes = await Store.ReadNetStakesAsync(noon, noon.AddDays(1));

        var ours = stakes.Where(stake => stake.AccountId == a.AccountId || stake.AccountId == b.AccountId || stake.AccountId == c.AccountId).OrderBy(stake => stake.AccountId).ToList();
        Assert.Equal([(a.AccountId, new Money(200)), (b.AccountId, new Money(50))], ours);
    }

    /// <summary>
    /// Two players' business over two consecutive random days (the MySQL contract database keeps every
    /// run's rows, so a run's days must be its own): every entry type, bets on two game-durations won,
    /// lost, refunded and unsettled, one bet placed in the first day's last millisecond and refunded at
    /// midnight. Returns the first day and every entry written.
    /// </summary>
    private async Task<(DateOnly Day1, List<LedgerEntry> Written)> WriteTwoDaysOfBusiness()
    {
        var day1 = RandomDay();
        var d1 = new DateTimeOffset(day1.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var d2 = d1.AddDays(1);
        var (a, b) = (new AccountWriter(Store, NewAccount()), new AccountWriter(Store, NewAccount()));

        await a.Append(LedgerEntryType.Deposit, 10_000, d1.AddHours(8));
        await b.Append(LedgerEntryType.Deposit, 5_000, d1.AddHours(9));
        var a1 = await a.Stake(Wingo60, 1_000, d1.AddHours(10));
        await a.Append(LedgerEntryType.BetPayout, 1_960, d1.AddHours(10).AddMinutes(1));
        var a2 = await a.Stake(K3180, 500, d1.AddHours(11));
        var b1 = await b.Stake(Wingo60, 2_000, d1.AddHours(12));
        var b2 = await b.Stake(Wingo60, 300, d2.AddMilliseconds(-1));
        await a.Append(LedgerEntryType.AttendanceBonus, 100, d1.AddHours(13));
        await b.Append(LedgerEntryType.BetRefund, 300, d2);
        await Store.RecordOutcomesAsync([
            Outcome(a1, BetOutcomeKind.Won, 1_960, d1.AddHours(10).AddMinutes(1)), Outcome(a2, BetOutcomeKind.Lost, 0, d1.AddHours(11).AddMinutes(3)),
            Outcome(b1, BetOutcomeKind.Lost, 0, d1.AddHours(12).AddMinutes(1)), Outcome(b2, BetOutcomeKind.Refunded, 300, d2),
        ]);

        await a.Append(LedgerEntryType.WithdrawalHold, -3_000, d2.AddHours(1), heldChange: 3_000);
        await a.Append(LedgerEntryType.WithdrawalPaid, 0, d2.AddHours(2), heldChange: -3_000);
        await b.Append(LedgerEntryType.WithdrawalHold, -1_000, d2.AddHours(3), heldChange: 1_000);
        await b.Append(LedgerEntryType.WithdrawalRelease, 1_000, d2.AddHours(4), heldChange: -1_000);
        await a.Append(LedgerEntryType.AdminCredit, 50, d2.AddHours(5));
        await a.Append(LedgerEntryType.AdminDebit, -20, d2.AddHours(6));
        await b.Append(LedgerEntryType.ReferralCommission, 70, d2.AddHours(7));
        await a.Append(LedgerEntryType.Rebate, 30, d2.AddHours(7).AddMinutes(30));
        var a3 = await a.Stake(K3180, 400, d2.AddHours(8));
        await a.Append(LedgerEntryType.BetPayout, 800, d2.AddHours(8).AddMinutes(3));
        await b.Stake(K3180, 100, d2.AddHours(9)); // never settled: a stake without an outcome
        await Store.RecordOutcomesAsync([Outcome(a3, BetOutcomeKind.Won, 800, d2.AddHours(8).AddMinutes(3))]);

        return (day1, [.. a.Written, .. b.Written]);
    }

    private static BetOutcome Outcome(BetRecord bet, BetOutcomeKind kind, long payout, DateTimeOffset settledAt) =>
        new(bet.BetId, bet.UserId, bet.Game, bet.PeriodId, kind, new Money(payout), settledAt);

    /// <summary>Every type's movement is the expected one, and every type not named moved nothing.</summary>
    private static void AssertMovements(ReportDay day, Dictionary<LedgerEntryType, Movement> expected)
    {
        foreach (var type in Enum.GetValues<LedgerEntryType>())
        {
            Assert.True(Equals(expected.GetValueOrDefault(type) ?? Movement.None, day.Of(type)), $"{day.Day} {type}: expected {expected.GetValueOrDefault(type) ?? Movement.None}, got {day.Of(type)}");
        }
    }

    /// <summary>One account's ledger written entry by entry, each following from the previous one as a wallet writes it.</summary>
    private sealed class AccountWriter(IJournalStore store, long account)
    {
        private Money balance;
        private Money held;

        public long AccountId => account;

        public List<LedgerEntry> Written { get; } = [];

        public async Task<LedgerEntry> Append(LedgerEntryType type, long amount, DateTimeOffset at, long heldChange = 0, BetRecord? bet = null)
        {
            var seq = Written.Count + 1;
            var entry = new LedgerEntry(account, seq, $"report-{seq}", type, new Money(amount), new Money(heldChange),
                balance + new Money(amount), held + new Money(heldChange), "report", bet?.PeriodId, at);
            var result = Assert.Single(await store.AppendBatchAsync([new(entry, bet)]));
            Assert.Equal(AppendOutcome.Appended, result.Outcome);
            (balance, held) = (entry.BalanceAfter, entry.HeldAfter);
            Written.Add(entry);
            return entry;
        }

        public async Task<BetRecord> Stake(GameKey game, long stake, DateTimeOffset at)
        {
            var periodId = Schedule.PeriodAt(game, at).PeriodId;
            var bet = new BetRecord($"report-{account}-{Written.Count + 1}", account, game, periodId, new BetSelection(BetType.Size, "big"), new Money(stake), at);
            await Append(LedgerEntryType.BetStake, -stake, at, bet: bet);
            return bet;
        }
    }

    /// <summary>Report days compared by value: their dictionaries and lists by content.</summary>
    private sealed class ReportDayComparer : IEqualityComparer<ReportDay>
    {
        public static readonly ReportDayComparer Instance = new();

        public bool Equals(ReportDay? x, ReportDay? y) =>
            x is not null && y is not null && x.Day == y.Day && x.Games.SequenceEqual(y.Games)
            && x.Movements.Count == y.Movements.Count && x.Movements.All(movement => Equals(y.Of(movement.Key), movement.Value));

        public int GetHashCode(ReportDay obj) => obj.Day.GetHashCode();
    }
}
