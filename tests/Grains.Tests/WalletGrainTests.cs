using GameServer.Grains.Journal;
using GameServer.Testing;
using GameServer.Wallet;

namespace GameServer.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class WalletGrainTests(GameClusterFixture fixture)
{
    private static long nextWallet = 50_000_000;

    private IWalletGrain NewWallet() => fixture.Client.GetGrain<IWalletGrain>(Interlocked.Increment(ref nextWallet));

    [Fact]
    public async Task Fifty_parallel_debits_against_a_balance_that_covers_ten_leave_ten_and_zero()
    {
        var wallet = NewWallet();
        await wallet.AdminAdjust("fund", Money.FromMajor(100), "funding", adminId: 1);

        var attempts = await Task.WhenAll(Enumerable.Range(0, 50).Select(async i =>
        {
            try
            {
                await wallet.AdminAdjust($"debit-{i}", -Money.FromMajor(10), "parallel debit", adminId: 1);
                return true;
            }
            catch (GameServerException refused) when (refused.Kind == ErrorKind.Conflict)
            {
                return false;
            }
        }));

        Assert.Equal(10, attempts.Count(succeeded => succeeded));
        Assert.Equal(Money.Zero, (await wallet.GetBalance()).Available);
    }

    [Fact]
    public async Task Same_operation_id_twice_moves_money_once_and_returns_the_first_entry()
    {
        var wallet = NewWallet();

        var first = await wallet.CreditDeposit("order-1", Money.FromMajor(10), "test");
        var again = await wallet.CreditDeposit("order-1", Money.FromMajor(10), "test");

        Assert.Equal(first, again);
        Assert.Equal(Money.FromMajor(10), (await wallet.GetBalance()).Available);
    }

    [Fact]
    public async Task Same_operation_id_with_a_different_amount_is_a_conflict()
    {
        var wallet = NewWallet();
        await wallet.CreditDeposit("order-2", Money.FromMajor(10), "test");

        var error = await Assert.ThrowsAsync<GameServerException>(() => wallet.CreditDeposit("order-2", Money.FromMajor(11), "test"));

        Assert.Equal(ErrorKind.Conflict, error.Kind);
    }

    [Fact]
    public async Task A_repeat_after_reactivation_still_returns_the_first_result_even_when_it_could_no_longer_pass()
    {
        var wallet = NewWallet();
        await wallet.AdminAdjust("fund", Money.FromMajor(5), "funding", 1);
        var withdrawalId = $"w-{Guid.NewGuid():N}";
        var hold = await wallet.RequestWithdrawal(withdrawalId, Money.FromMajor(5), await fixture.Client.TestPayoutMethod(wallet));
        await fixture.Cluster.DeactivateAsync(wallet);

        var repeat = await wallet.RequestWithdrawal(withdrawalId, Money.FromMajor(5), await fixture.Client.TestPayoutMethod(wallet));

        Assert.Equal(hold, repeat);
        Assert.Equal(Money.FromMajor(5), (await wallet.GetBalance()).Held);
    }

    [Fact]
    public async Task Balance_survives_deactivation_because_it_is_read_from_the_ledger()
    {
        var wallet = NewWallet();
        await wallet.CreditDeposit("o", Money.FromMajor(42), "test");
        await wallet.RequestWithdrawal($"w-{Guid.NewGuid():N}", Money.FromMajor(2), await fixture.Client.TestPayoutMethod(wallet));

        await fixture.Cluster.DeactivateAsync(wallet);
        var balance = await wallet.GetBalance();

        Assert.Equal(Money.FromMajor(40), balance.Available);
        Assert.Equal(Money.FromMajor(2), balance.Held);
        Assert.Equal(2, balance.LastSeq);
    }

    [Fact]
    public async Task A_raised_limit_waits_a_day_while_a_lowered_one_applies_at_once()
    {
        var wallet = NewWallet();

        await wallet.ChangeLimits(new LimitChange(new LimitValue(Money.FromMajor(100)), null));
        var raised = await wallet.ChangeLimits(new LimitChange(new LimitValue(Money.FromMajor(500)), null));
        Assert.Equal(Money.FromMajor(100), raised.DailyDepositLimit);
        await Assert.ThrowsAsync<GameServerException>(() => wallet.ReserveDeposit($"order-{Guid.NewGuid():N}", Money.FromMajor(200)));

        fixture.Clock.Advance(TimeSpan.FromHours(24));
        var later = await wallet.GetLimits();

        Assert.Equal(Money.FromMajor(500), later.DailyDepositLimit);
        await wallet.ReserveDeposit($"order-{Guid.NewGuid():N}", Money.FromMajor(200));
    }

    [Theory]
    [InlineData(23, false)]
    [InlineData(25, true)]
    public async Task A_raised_limit_applies_only_once_24_hours_have_passed(int hoursLater, bool applied)
    {
        var wallet = NewWallet();
        await wallet.ChangeLimits(new LimitChange(new LimitValue(Money.FromMajor(100)), new LimitValue(Money.FromMajor(50))));
        await wallet.ChangeLimits(new LimitChange(new LimitValue(Money.FromMajor(500)), new LimitValue(Money.FromMajor(300))));

        fixture.Clock.Advance(TimeSpan.FromHours(hoursLater));
        var limits = await wallet.GetLimits();

        Assert.Equal(applied ? Money.FromMajor(500) : Money.FromMajor(100), limits.DailyDepositLimit);
        Assert.Equal(applied ? Money.FromMajor(300) : Money.FromMajor(50), limits.DailyLossLimit);
        Assert.Equal(applied, limits.PendingIncrease is null);
    }

    [Fact]
    public async Task Lowering_a_limit_applies_at_once_and_drops_a_pending_raise_of_it()
    {
        var wallet = NewWallet();
        await wallet.ChangeLimits(new LimitChange(new LimitValue(Money.FromMajor(100)), null));
        await wallet.ChangeLimits(new LimitChange(new LimitValue(Money.FromMajor(500)), null));

        var lowered = await wallet.ChangeLimits(new LimitChange(new LimitValue(Money.FromMajor(80)), null));
        fixture.Clock.Advance(TimeSpan.FromHours(25));
        var later = await wallet.GetLimits();

        Assert.Equal(Money.FromMajor(80), lowered.DailyDepositLimit);
        Assert.Null(lowered.PendingIncrease);
        Assert.Equal(Money.FromMajor(80), later.DailyDepositLimit);
    }

    [Fact]
    public async Task Self_exclusion_refuses_deposits_until_it_ends()
    {
        var wallet = NewWallet();

        await wallet.SelfExclude(TimeSpan.FromDays(2));
        var refused = await Assert.ThrowsAsync<GameServerException>(() => wallet.ReserveDeposit($"order-{Guid.NewGuid():N}", Money.FromMajor(1)));
        Assert.Equal(ErrorKind.Forbidden, refused.Kind);

        fixture.Clock.Advance(TimeSpan.FromDays(2));
        await wallet.ReserveDeposit($"order-{Guid.NewGuid():N}", Money.FromMajor(1));
    }

    [Fact]
    public async Task Withdrawal_is_settled_one_way_once()
    {
        var wallet = NewWallet();
        await wallet.CreditDeposit("o", Money.FromMajor(10), "test");
        var withdrawalId = $"w-{Guid.NewGuid():N}";
        await wallet.RequestWithdrawal(withdrawalId, Money.FromMajor(10), await fixture.Client.TestPayoutMethod(wallet));

        await wallet.SettleWithdrawal(withdrawalId, paid: true, adminId: 1);
        var error = await Assert.ThrowsAsync<GameServerException>(() => wallet.SettleWithdrawal(withdrawalId, paid: false, adminId: 1));

        Assert.Equal(ErrorKind.Conflict, error.Kind);
        var balance = await wallet.GetBalance();
        Assert.Equal(Money.Zero, balance.Available);
        Assert.Equal(Money.Zero, balance.Held);
    }

    [Fact]
    public async Task A_withdrawal_is_on_the_admins_list_as_soon_as_its_hold_is_written_and_is_decided_once_through_the_desk()
    {
        var wallet = NewWallet();
        var desk = fixture.Client.GetGrain<IWithdrawalDeskGrain>(0);
        await wallet.CreditDeposit($"o-{Guid.NewGuid():N}", Money.FromMajor(50), "test");
        var withdrawalId = $"w-{Guid.NewGuid():N}";
        await wallet.RequestWithdrawal(withdrawalId, Money.FromMajor(20), await fixture.Client.TestPayoutMethod(wallet));
        await fixture.Cluster.DeactivateAsync(wallet);

        var listed = Assert.Single((await desk.List(new WithdrawalQuery(WithdrawalStatus.Pending, wallet.GetPrimaryKeyLong(), 1, 10))).Items);
        var paid = await desk.Decide(withdrawalId, approve: true, adminId: 9);
        var again = await Assert.ThrowsAsync<GameServerException>(() => desk.Decide(withdrawalId, approve: false, adminId: 9));
        var unknown = await Assert.ThrowsAsync<GameServerException>(() => desk.Decide($"w-{Guid.NewGuid():N}", approve: true, adminId: 9));

        Assert.Equal((withdrawalId, Money.FromMajor(20)), (listed.WithdrawalId, listed.Amount));
        Assert.Equal((WithdrawalStatus.Paid, 9L), (paid.Status, paid.DecidedBy!.Value));
        Assert.Equal(ErrorKind.Conflict, again.Kind);
        Assert.Equal(ErrorKind.NotFound, unknown.Kind);
        Assert.Equal(new Balance(Money.FromMajor(30), Money.Zero, 3), await wallet.GetBalance());
        Assert.Equal(WithdrawalStatus.Paid, Assert.Single((await desk.List(new WithdrawalQuery(null, wallet.GetPrimaryKeyLong(), 1, 10))).Items).Status);
    }

    [Fact]
    public async Task Only_the_wallet_that_holds_a_withdrawal_can_settle_it()
    {
        var (owner, other) = (NewWallet(), NewWallet());
        await owner.CreditDeposit($"o-{Guid.NewGuid():N}", Money.FromMajor(10), "test");
        var withdrawalId = $"w-{Guid.NewGuid():N}";
        await owner.RequestWithdrawal(withdrawalId, Money.FromMajor(10), await fixture.Client.TestPayoutMethod(owner));

        var refused = await Assert.ThrowsAsync<GameServerException>(() => other.SettleWithdrawal(withdrawalId, paid: true, adminId: 1));

        Assert.Equal(ErrorKind.NotFound, refused.Kind);
        Assert.Equal(Money.FromMajor(10), (await owner.GetBalance()).Held);
    }

    [Fact]
    public async Task A_second_pending_order_past_the_daily_limit_is_refused_and_a_repeat_of_the_first_is_not()
    {
        var wallet = NewWallet();
        await wallet.ChangeLimits(new LimitChange(new LimitValue(Money.FromMajor(1000)), null));

        await wallet.ReserveDeposit("order-a", Money.FromMajor(600));
        await wallet.ReserveDeposit("order-a", Money.FromMajor(600));
        var refused = await Assert.ThrowsAsync<GameServerException>(() => wallet.ReserveDeposit("order-b", Money.FromMajor(600)));
        await wallet.ReserveDeposit("order-c", Money.FromMajor(400));

        Assert.Equal(ErrorKind.Conflict, refused.Kind);
        Assert.Equal(Money.Zero, (await wallet.GetBalance()).Available);
    }

    [Fact]
    public async Task A_bonus_paid_before_a_self_exclusion_is_still_the_answer_to_its_repeat_and_a_new_one_is_refused()
    {
        var wallet = NewWallet();
        var paid = await wallet.CreditBonus("attendance:20261130", LedgerEntryType.AttendanceBonus, Money.FromMajor(5), "attendance:day-1");
        await wallet.SelfExclude(TimeSpan.FromDays(1));

        var repeat = await wallet.CreditBonus("attendance:20261130", LedgerEntryType.AttendanceBonus, Money.FromMajor(5), "attendance:day-1");
        var refused = await Assert.ThrowsAsync<GameServerException>(() =>
            wallet.CreditBonus("attendance:20261201", LedgerEntryType.AttendanceBonus, Money.FromMajor(18), "attendance:day-2"));

        Assert.Equal(paid, repeat);
        Assert.Equal(ErrorKind.Forbidden, refused.Kind);
        Assert.Equal(Money.FromMajor(5), (await wallet.GetBalance()).Available);
    }

    [Fact]
    public async Task Audit_of_the_shared_ledger_is_conserved()
    {
        var report = await fixture.Client.GetGrain<ILedgerAuditGrain>(0).Audit();

        Assert.True(report.Conserved, string.Join("; ", report.Violations));
    }

    [Fact]
    public void Auditor_catches_a_balance_that_does_not_follow_from_the_entries()
    {
        var auditor = new LedgerAuditor();
        var now = DateTimeOffset.UtcNow;
        auditor.Observe(new LedgerEntry(1, 1, "a", LedgerEntryType.Deposit, new Money(100), Money.Zero, new Money(100), Money.Zero, "r", null, now));
        auditor.Observe(new LedgerEntry(1, 2, "b", LedgerEntryType.BetStake, new Money(-10), Money.Zero, new Money(95), Money.Zero, "r", null, now));

        var report = auditor.Report(now);

        Assert.False(report.Conserved);
        Assert.NotEmpty(report.Violations);
    }

    [Fact]
    public void Auditor_catches_an_entry_that_moves_money_the_wrong_way_and_the_totals_that_no_longer_add_up()
    {
        var auditor = new LedgerAuditor();
        var now = DateTimeOffset.UtcNow;

        // Each balance follows from the one before, but a "deposit" takes money out.
        auditor.Observe(new LedgerEntry(1, 1, "a", LedgerEntryType.Deposit, new Money(100), Money.Zero, new Money(100), Money.Zero, "r", null, now));
        auditor.Observe(new LedgerEntry(1, 2, "b", LedgerEntryType.Deposit, new Money(-50), Money.Zero, new Money(50), Money.Zero, "r", null, now));
        var report = auditor.Report(now);

        Assert.False(report.Conserved);
        Assert.Contains(report.Violations, violation => violation.Contains("moves money the wrong way", StringComparison.Ordinal));
        Assert.Contains(report.Violations, violation => violation.Contains("differ from the movements' total", StringComparison.Ordinal));
    }

    [Fact]
    public void Auditor_passes_a_ledger_with_every_entry_type_and_counts_each_in_the_identity()
    {
        var auditor = new LedgerAuditor();
        var now = DateTimeOffset.UtcNow;
        (LedgerEntryType Type, long Amount, long Held)[] moves =
        [
            (LedgerEntryType.Deposit, 1000, 0), (LedgerEntryType.BetStake, -100, 0), (LedgerEntryType.BetPayout, 196, 0),
            (LedgerEntryType.BetStake, -50, 0), (LedgerEntryType.BetRefund, 50, 0), (LedgerEntryType.WithdrawalHold, -300, 300),
            (LedgerEntryType.WithdrawalRelease, 100, -100), (LedgerEntryType.WithdrawalPaid, 0, -200), (LedgerEntryType.AdminCredit, 20, 0),
            (LedgerEntryType.AdminDebit, -10, 0), (LedgerEntryType.AttendanceBonus, 5, 0), (LedgerEntryType.ReferralCommission, 3, 0),
        ];
        var (balance, held) = (0L, 0L);
        for (var i = 0; i < moves.Length; i++)
        {
            (balance, held) = (balance + moves[i].Amount, held + moves[i].Held);
            auditor.Observe(new LedgerEntry(7, i + 1, $"op-{i}", moves[i].Type, new Money(moves[i].Amount), new Money(moves[i].Held),
                new Money(balance), new Money(held), "r", null, now));
        }

        var report = auditor.Report(now);

        Assert.True(report.Conserved, string.Join("; ", report.Violations));
        Assert.Equal(new Money(1000 - 200 + 20 - 10 + 5 + 3 - 150 + 196 + 50), report.ExpectedTotal);
        Assert.Equal(new Money(balance + held), report.TotalBalances + report.TotalHeld);
        Assert.Equal(new Money(50), report.TotalsByType[LedgerEntryType.BetRefund]);
    }
}
