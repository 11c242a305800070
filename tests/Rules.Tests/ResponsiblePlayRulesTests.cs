using GameServer.Wallet;

namespace GameServer.Rules.Tests;

/// <summary>SPEC §6 as plain functions: limits, their delay, self-exclusion, the daily tally.</summary>
public sealed class ResponsiblePlayRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Delay = TimeSpan.FromHours(24);
    private static readonly ResponsiblePlayLimits None = new(null, null, null, null);

    private static Money Rupees(long major) => Money.FromMajor(major);

    [Fact]
    public void A_lowered_limit_applies_at_once()
    {
        var limits = None with { DailyDepositLimit = Rupees(1000) };

        var changed = ResponsiblePlayRules.WithChange(limits, new LimitChange(new LimitValue(Rupees(500)), null), Now, Delay);

        Assert.Equal(Rupees(500), changed.DailyDepositLimit);
        Assert.Null(changed.PendingIncrease);
    }

    [Fact]
    public void A_first_limit_is_a_lowering_and_applies_at_once()
    {
        var changed = ResponsiblePlayRules.WithChange(None, new LimitChange(null, new LimitValue(Rupees(200))), Now, Delay);

        Assert.Equal(Rupees(200), changed.DailyLossLimit);
        Assert.Null(changed.PendingIncrease);
    }

    [Fact]
    public void A_raised_limit_waits_the_delay_and_applies_when_it_is_over_not_before()
    {
        var limits = None with { DailyLossLimit = Rupees(100) };

        var changed = ResponsiblePlayRules.WithChange(limits, new LimitChange(null, new LimitValue(Rupees(900))), Now, Delay);

        Assert.Equal(Rupees(100), changed.DailyLossLimit);
        Assert.Equal(new PendingLimitIncrease(null, new LimitValue(Rupees(900)), Now + Delay), changed.PendingIncrease);
        Assert.Same(changed, ResponsiblePlayRules.WithDueIncrease(changed, Now + TimeSpan.FromHours(23)));
        var due = ResponsiblePlayRules.WithDueIncrease(changed, Now + Delay);
        Assert.Equal(Rupees(900), due.DailyLossLimit);
        Assert.Null(due.PendingIncrease);
    }

    [Fact]
    public void Removing_a_limit_is_a_raise_and_waits()
    {
        var limits = None with { DailyDepositLimit = Rupees(300) };

        var changed = ResponsiblePlayRules.WithChange(limits, new LimitChange(new LimitValue(null), null), Now, Delay);

        Assert.Equal(Rupees(300), changed.DailyDepositLimit);
        Assert.Null(ResponsiblePlayRules.WithDueIncrease(changed, Now + Delay).DailyDepositLimit);
    }

    [Fact]
    public void Lowering_one_limit_keeps_the_other_limits_pending_raise_and_its_time()
    {
        var raised = ResponsiblePlayRules.WithChange(None with { DailyDepositLimit = Rupees(100), DailyLossLimit = Rupees(100) },
            new LimitChange(new LimitValue(Rupees(500)), null), Now, Delay);

        var changed = ResponsiblePlayRules.WithChange(raised, new LimitChange(null, new LimitValue(Rupees(50))), Now + TimeSpan.FromHours(5), Delay);

        Assert.Equal(Rupees(50), changed.DailyLossLimit);
        Assert.Equal(new PendingLimitIncrease(new LimitValue(Rupees(500)), null, Now + Delay), changed.PendingIncrease);
    }

    [Fact]
    public void Lowering_a_limit_below_its_pending_raise_cancels_the_raise()
    {
        var raised = ResponsiblePlayRules.WithChange(None with { DailyDepositLimit = Rupees(100) }, new LimitChange(new LimitValue(Rupees(500)), null), Now, Delay);

        var changed = ResponsiblePlayRules.WithChange(raised, new LimitChange(new LimitValue(Rupees(80)), null), Now, Delay);

        Assert.Equal(Rupees(80), changed.DailyDepositLimit);
        Assert.Null(changed.PendingIncrease);
    }

    [Fact]
    public void A_self_exclusion_only_ever_lengthens_and_must_be_positive()
    {
        var excluded = ResponsiblePlayRules.WithSelfExclusion(None, Now, TimeSpan.FromDays(7));

        Assert.Equal(Now.AddDays(7), excluded.SelfExcludedUntil);
        Assert.Same(excluded, ResponsiblePlayRules.WithSelfExclusion(excluded, Now, TimeSpan.FromDays(1)));
        Assert.Equal(Now.AddDays(30), ResponsiblePlayRules.WithSelfExclusion(excluded, Now, TimeSpan.FromDays(30)).SelfExcludedUntil);
        Assert.Equal(ErrorKind.Invalid, Assert.Throws<GameServerException>(() => ResponsiblePlayRules.WithSelfExclusion(None, Now, TimeSpan.Zero)).Kind);
    }

    [Fact]
    public void Self_exclusion_forbids_until_its_end_and_not_at_it()
    {
        var excluded = None with { SelfExcludedUntil = Now.AddHours(1) };

        var refusal = ResponsiblePlayRules.SelfExclusionRefusal(excluded, Now.AddMinutes(59), "bet");

        Assert.Equal(ErrorKind.Forbidden, refusal?.Kind);
        Assert.Contains("no bet", refusal!.Message, StringComparison.Ordinal);
        Assert.Null(ResponsiblePlayRules.SelfExclusionRefusal(excluded, Now.AddHours(1), "bet"));
    }

    [Fact]
    public void Pending_orders_count_against_the_daily_deposit_limit_up_to_it_exactly()
    {
        var limits = None with { DailyDepositLimit = Rupees(1000) };
        var today = new DailyTally(DailyTally.DayOf(Now), Rupees(400), Money.Zero);

        Assert.Null(ResponsiblePlayRules.DepositRefusal(limits, today, Rupees(300), Rupees(300)));
        Assert.Equal(ErrorKind.Conflict, ResponsiblePlayRules.DepositRefusal(limits, today, Rupees(300), Rupees(301))?.Kind);
        Assert.Null(ResponsiblePlayRules.DepositRefusal(None, today, Rupees(300), Rupees(1_000_000)));
    }

    [Fact]
    public void A_stake_that_could_take_the_days_loss_past_the_limit_is_refused()
    {
        var limits = None with { DailyLossLimit = Rupees(500) };
        var today = new DailyTally(DailyTally.DayOf(Now), Money.Zero, Rupees(450));

        Assert.Null(ResponsiblePlayRules.LossRefusal(limits, today, Rupees(50)));
        Assert.Equal(ErrorKind.Conflict, ResponsiblePlayRules.LossRefusal(limits, today, Rupees(51))?.Kind);
    }

    [Fact]
    public void A_confirmed_deposit_is_flagged_for_self_exclusion_first_then_for_the_limit()
    {
        var today = new DailyTally(DailyTally.DayOf(Now), Rupees(900), Money.Zero);
        var limits = None with { DailyDepositLimit = Rupees(1000) };

        Assert.Null(ResponsiblePlayRules.DepositFlag(limits, today, Rupees(100), Now));
        Assert.Equal(DepositFlagReason.OverDailyLimit, ResponsiblePlayRules.DepositFlag(limits, today, Rupees(101), Now)?.Reason);
        Assert.Equal(DepositFlagReason.SelfExcluded,
            ResponsiblePlayRules.DepositFlag(limits with { SelfExcludedUntil = Now.AddDays(1) }, today, Rupees(101), Now)?.Reason);
    }

    [Fact]
    public void The_daily_tally_counts_deposits_and_net_loss_and_starts_over_on_a_new_day()
    {
        var day = DailyTally.DayOf(Now);
        LedgerEntry Entry(LedgerEntryType type, long amount) =>
            new(1, 1, "op", type, Rupees(amount), Money.Zero, Money.Zero, Money.Zero, "ref", null, Now);

        var tally = new[]
        {
            Entry(LedgerEntryType.Deposit, 1000), Entry(LedgerEntryType.BetStake, -300), Entry(LedgerEntryType.BetPayout, 100),
            Entry(LedgerEntryType.BetRefund, 50), Entry(LedgerEntryType.AttendanceBonus, 7), Entry(LedgerEntryType.WithdrawalHold, -200),
        }.Aggregate(DailyTally.Empty, (sum, entry) => sum.With(entry, day));

        Assert.Equal(new DailyTally(day, Rupees(1000), Rupees(150)), tally);
        Assert.Equal(new DailyTally(day.AddDays(1), Money.Zero, Rupees(20)), tally.With(Entry(LedgerEntryType.BetStake, -20), day.AddDays(1)));
    }
}
