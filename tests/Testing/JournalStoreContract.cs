using GameServer.Games;
using GameServer.Grains.Journal;
using GameServer.Players;
using GameServer.Wallet;
using Xunit;

namespace GameServer.Testing;

/// <summary>What every ledger store must do; each implementation runs these through a subclass.</summary>
public abstract partial class JournalStoreContract
{
    protected abstract IJournalStore Store { get; }

    private static long nextAccount = Random.Shared.NextInt64(1_000_000_000, 9_000_000_000);

    protected static long NewAccount() => Interlocked.Increment(ref nextAccount);

    protected static LedgerEntry Entry(long account, long seq, string operation, long amount, long balanceAfter) =>
        new(account, seq, operation, amount > 0 ? LedgerEntryType.Deposit : LedgerEntryType.AdminDebit, new Money(amount), Money.Zero,
            new Money(balanceAfter), Money.Zero, "test", null, DateTimeOffset.UtcNow);

    [Fact]
    public async Task Appends_in_order_and_reads_the_latest_entry()
    {
        var account = NewAccount();

        var results = await Store.AppendBatchAsync([new(Entry(account, 1, "a", 100, 100)), new(Entry(account, 2, "b", -30, 70))]);

        Assert.All(results, result => Assert.Equal(AppendOutcome.Appended, result.Outcome));
        var latest = await Store.GetLatestAsync(account);
        Assert.Equal(2, latest!.Seq);
        Assert.Equal(new Money(70), latest.BalanceAfter);
    }

    [Fact]
    public async Task Rejects_a_duplicate_seq_and_keeps_the_first_entry()
    {
        var account = NewAccount();
        await Store.AppendBatchAsync([new(Entry(account, 1, "first", 100, 100))]);

        var result = (await Store.AppendBatchAsync([new(Entry(account, 1, "second", 5, 5))]))[0];

        Assert.Equal(AppendOutcome.SeqConflict, result.Outcome);
        Assert.Equal("first", (await Store.GetLatestAsync(account))!.OperationId);
    }

    [Fact]
    public async Task Rejects_a_duplicate_operation_id_and_returns_the_existing_entry()
    {
        var account = NewAccount();
        await Store.AppendBatchAsync([new(Entry(account, 1, "same-op", 100, 100))]);

        var result = (await Store.AppendBatchAsync([new(Entry(account, 2, "same-op", 100, 200))]))[0];

        Assert.Equal(AppendOutcome.DuplicateOperation, result.Outcome);
        Assert.Equal(1, result.Existing!.Seq);
        Assert.Equal(1, (await Store.GetLatestAsync(account))!.Seq);
    }

    [Fact]
    public async Task One_bad_entry_does_not_fail_the_rest_of_its_batch()
    {
        var (good, bad) = (NewAccount(), NewAccount());
        await Store.AppendBatchAsync([new(Entry(bad, 1, "x", 10, 10))]);

        var results = await Store.AppendBatchAsync([new(Entry(good, 1, "g1", 10, 10)), new(Entry(bad, 1, "y", 10, 10)), new(Entry(good, 2, "g2", 10, 20))]);

        Assert.Equal([AppendOutcome.Appended, AppendOutcome.SeqConflict, AppendOutcome.Appended], results.Select(r => r.Outcome));
        Assert.Equal(2, (await Store.GetLatestAsync(good))!.Seq);
    }

    [Fact]
    public async Task A_stake_and_its_bet_are_written_together_and_settle_once()
    {
        var account = NewAccount();
        var game = new GameKey(GameId.Wingo, 60);
        var periodId = $"2026112702{Random.Shared.Next(1, 1441):D4}";
        var bet = new BetRecord($"bet-{account}", account, game, periodId, new BetSelection(BetType.Color, "green"), new Money(500), DateTimeOffset.UtcNow);
        await Store.AppendBatchAsync([new(Entry(account, 1, "fund", 1000, 1000))]);
        var stake = new LedgerEntry(account, 2, $"bet:{bet.BetId}", LedgerEntryType.BetStake, new Money(-500), Money.Zero, new Money(500), Money.Zero, "bet", periodId, DateTimeOffset.UtcNow);

        var results = await Store.AppendBatchAsync([new(stake, bet), new(stake with { Seq = 3 }, bet)]);
        await Store.RecordOutcomesAsync([new BetOutcome(bet.BetId, account, game, periodId, BetOutcomeKind.Won, new Money(980), DateTimeOffset.UtcNow)]);
        await Store.RecordOutcomesAsync([new BetOutcome(bet.BetId, account, game, periodId, BetOutcomeKind.Lost, Money.Zero, DateTimeOffset.UtcNow)]);

        Assert.Equal([AppendOutcome.Appended, AppendOutcome.DuplicateOperation], results.Select(r => r.Outcome));
        var settled = Assert.Single(await Store.ReadPeriodBetsAsync(game, periodId), b => b.Bet.UserId == account);
        Assert.Equal(BetOutcomeKind.Won, settled.Outcome!.Kind);
        Assert.Equal(new BetSelection(BetType.Color, "green"), settled.Bet.Selection);
        Assert.Equal(1, await Store.CountUserBetsAsync(account, game, periodId));
        Assert.Equal(1, (await Store.ReadBetHistoryAsync(account, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1), 1, 10)).Total);
    }

    [Fact]
    public async Task A_bet_history_is_filtered_by_game_and_duration_in_the_store_within_its_dates_newest_first()
    {
        var account = NewAccount();
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        GameKey[] keys = [new(GameId.Wingo, 60), new(GameId.K3, 60), new(GameId.Wingo, 30), new(GameId.K3, 180), new(GameId.Wingo, 60), new(GameId.Trx, 60)];
        await Store.AppendBatchAsync([new(Entry(account, 1, "fund", 10_000, 10_000))]);
        for (var i = 0; i < keys.Length; i++)
        {
            var placedAt = start.AddMinutes(i);
            var periodId = Schedule.PeriodAt(keys[i], placedAt).PeriodId;
            var bet = new BetRecord($"hist-{account}-{i}", account, keys[i], periodId, new BetSelection(BetType.Size, "big"), new Money(10), placedAt);
            await Store.AppendBatchAsync([new(new LedgerEntry(account, i + 2, $"bet:{bet.BetId}", LedgerEntryType.BetStake, new Money(-10), Money.Zero,
                new Money(10_000 - (10 * (i + 1))), Money.Zero, "bet", periodId, placedAt), bet)]);
        }

        async Task<(long Total, List<int> Bets)> History(GameFilter? games, int page = 1, int limit = 10, int fromMinute = 0, int toMinute = 60)
        {
            var found = await Store.ReadBetHistoryAsync(account, start.AddMinutes(fromMinute), start.AddMinutes(toMinute), page, limit, games);
            return (found.Total, found.Bets.Select(b => int.Parse(b.Bet.BetId.Split('-')[^1], System.Globalization.CultureInfo.InvariantCulture)).ToList());
        }

        async Task Expect(GameFilter? games, int[] betsNewestFirst, int page = 1, int limit = 10, int fromMinute = 0, int toMinute = 60, long? total = null)
        {
            var (found, bets) = await History(games, page, limit, fromMinute, toMinute);
            Assert.Equal(betsNewestFirst, bets);
            Assert.Equal(total ?? betsNewestFirst.Length, found);
        }

        await Expect(new GameFilter(GameId.Wingo), [4, 2, 0]);
        await Expect(new GameFilter(DurationSeconds: 60), [5, 4, 1, 0]);
        await Expect(new GameFilter(GameId.Wingo, 60), [4, 0]);
        await Expect(new GameFilter(DurationSeconds: 60), [0], page: 2, limit: 3, total: 4);
        await Expect(new GameFilter(DurationSeconds: 60), [4, 1], fromMinute: 1, toMinute: 5);
        await Expect(GameFilter.All, [5, 4, 3, 2, 1, 0]);
        await Expect(null, [5, 4, 3, 2, 1, 0]);
        await Expect(new GameFilter(GameId.FiveD), []);
    }

    [Fact]
    public async Task The_first_seed_and_result_of_a_period_stay()
    {
        var game = new GameKey(GameId.K3, 600);
        var periodId = Schedule.PeriodOfDay(game, RandomDay(), Random.Shared.Next(1, 145)).PeriodId;
        var first = new OpenedPeriod(game, periodId, Enumerable.Repeat((byte)1, 32).ToArray());

        await Store.SaveOpenedPeriodAsync(first);
        var second = await Store.SaveOpenedPeriodAsync(first with { Seed = Enumerable.Repeat((byte)2, 32).ToArray() });
        var result = new PeriodResult(game, periodId, "c", "s", new GameResult([1, 2, 3]), DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);
        await Store.SavePeriodResultAsync(result);
        await Store.SavePeriodResultAsync(result with { Result = new GameResult([6, 6, 6]) });

        Assert.Equal(first.Seed, second.Seed);
        Assert.Equal([1, 2, 3], (await Store.ReadPeriodResultAsync(game, periodId))!.Result.Values);
        Assert.NotNull(await Store.ReadLatestOpenedPeriodAsync(game));
    }

    [Fact]
    public async Task Pages_are_newest_first_and_operations_are_found_by_id()
    {
        var account = NewAccount();
        await Store.AppendBatchAsync(Enumerable.Range(1, 25).Select(i => new JournalAppend(Entry(account, i, $"op-{i}", 1, i))).ToList());

        var page = await Store.ReadPageAsync(account, page: 2, limit: 10);

        Assert.Equal(25, page.Total);
        Assert.Equal(Enumerable.Range(6, 10).Reverse().Select(i => (long)i), page.Entries.Select(e => e.Seq));
        Assert.Equal(7, (await Store.FindOperationAsync(account, "op-7"))!.Seq);
        Assert.Null(await Store.FindOperationAsync(account, "op-99"));
    }

    [Fact]
    public async Task A_page_of_one_entry_type_is_filtered_by_the_store_newest_first_and_counted()
    {
        var account = NewAccount();
        // 30 entries: a deposit every third one, admin debits between them.
        var balance = 0L;
        var appends = Enumerable.Range(1, 30).Select(seq =>
        {
            var amount = seq % 3 == 1 ? 100L : -10L;
            balance += amount;
            return new JournalAppend(Entry(account, seq, $"op-{seq}", amount, balance));
        }).ToList();
        await Store.AppendBatchAsync(appends);

        var deposits = await Store.ReadPageAsync(account, page: 2, limit: 4, LedgerEntryType.Deposit);
        var lastDeposits = await Store.ReadPageAsync(account, page: 3, limit: 4, LedgerEntryType.Deposit);
        var debits = await Store.ReadPageAsync(account, page: 1, limit: 100, LedgerEntryType.AdminDebit);
        var everything = await Store.ReadPageAsync(account, page: 1, limit: 5);

        Assert.Equal(10, deposits.Total);
        Assert.Equal([16L, 13, 10, 7], deposits.Entries.Select(e => e.Seq));
        Assert.All(deposits.Entries, e => Assert.Equal(LedgerEntryType.Deposit, e.Type));
        Assert.Equal([4L, 1], lastDeposits.Entries.Select(e => e.Seq));
        Assert.Equal(20, debits.Total);
        Assert.Equal(Enumerable.Range(1, 30).Where(seq => seq % 3 != 1).Reverse().Select(seq => (long)seq), debits.Entries.Select(e => e.Seq));
        Assert.Equal(30, everything.Total);
        Assert.Equal([30L, 29, 28, 27, 26], everything.Entries.Select(e => e.Seq));
        var none = await Store.ReadPageAsync(account, page: 1, limit: 10, LedgerEntryType.BetPayout);
        Assert.Equal((0L, 0), (none.Total, none.Entries.Count));
        Assert.Equal(0, (await Store.ReadPageAsync(NewAccount(), page: 1, limit: 10, LedgerEntryType.Deposit)).Total);
    }

    [Fact]
    public async Task A_withdrawal_request_lands_exactly_with_its_hold_and_its_decision_with_the_entry_that_pays_it()
    {
        var account = NewAccount();
        var (first, second) = ($"wd-{account}-1", $"wd-{account}-2");
        var requestedAt = DateTimeOffset.UtcNow;
        await Store.AppendBatchAsync([new(Entry(account, 1, "fund", 1000, 1000))]);
        var hold = new LedgerEntry(account, 2, $"withdrawal:{first}", LedgerEntryType.WithdrawalHold, new Money(-300), new Money(300), new Money(700), new Money(300), "w", null, requestedAt);
        var request = new Withdrawal(first, account, new Money(300), WithdrawalStatus.Pending, requestedAt, null, null);

        // The same hold twice (a retry) and a hold whose seq is taken: one request, and none for the refused entry.
        var results = await Store.AppendBatchAsync([
            new(hold, Withdrawal: request),
            new(hold with { Seq = 3 }, Withdrawal: request),
            new(hold with { OperationId = $"withdrawal:{second}" }, Withdrawal: request with { WithdrawalId = second }),
        ]);
        Assert.Equal([AppendOutcome.Appended, AppendOutcome.DuplicateOperation, AppendOutcome.SeqConflict], results.Select(r => r.Outcome));
        Assert.Null(await Store.ReadWithdrawalAsync(second));
        Assert.Equal(WithdrawalStatus.Pending, (await Store.ReadWithdrawalAsync(first))!.Status);

        var paid = new LedgerEntry(account, 3, $"withdrawal-settled:{first}", LedgerEntryType.WithdrawalPaid, Money.Zero, new Money(-300), new Money(700), Money.Zero, "w", null, requestedAt);
        await Store.AppendBatchAsync([new(paid, Decision: new WithdrawalDecision(first, Paid: true, DecidedBy: 7, requestedAt.AddMinutes(1)))]);

        var decided = (await Store.ReadWithdrawalAsync(first))!;
        Assert.Equal((WithdrawalStatus.Paid, 7L, new Money(300), account), (decided.Status, decided.DecidedBy!.Value, decided.Amount, decided.UserId));
        var ofPlayer = await Store.ReadWithdrawalsAsync(new WithdrawalQuery(null, account, 1, 10));
        Assert.Equal(first, Assert.Single(ofPlayer.Items).WithdrawalId);
        Assert.Empty((await Store.ReadWithdrawalsAsync(new WithdrawalQuery(WithdrawalStatus.Pending, account, 1, 10))).Items);
        Assert.Single((await Store.ReadWithdrawalsAsync(new WithdrawalQuery(WithdrawalStatus.Paid, account, 1, 10))).Items);
    }

    [Fact]
    public async Task A_staff_action_lands_exactly_with_its_entry_once_and_reads_back_newest_first_by_player_staff_and_kind()
    {
        var (player, other, staff) = (NewAccount(), NewAccount(), NewAccount());
        var at = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
        var credit = new StaffAction($"ledger:{player}:credit-1", staff, StaffActionKind.Credit, player, "credit of 10.00", "goodwill", at);
        var refused = credit with { ActionId = $"ledger:{player}:credit-2" };

        // A retry of the same entry and an entry whose seq is taken: one record, none for the refused entry.
        await Store.AppendBatchAsync([
            new(Entry(player, 1, "credit-1", 1000, 1000), Action: credit),
            new(Entry(player, 2, "credit-1", 1000, 2000), Action: credit),
            new(Entry(player, 1, "credit-2", 5, 5), Action: refused),
        ]);
        await Store.RecordStaffActionAsync(new StaffAction($"user:{player}:1", staff, StaffActionKind.Suspend, player, "suspended", "chargeback", at.AddMinutes(1)));
        await Store.RecordStaffActionAsync(new StaffAction($"user:{player}:1", staff, StaffActionKind.Suspend, player, "suspended", "chargeback", at.AddMinutes(1)));
        await Store.RecordStaffActionAsync(new StaffAction($"user:{other}:1", staff, StaffActionKind.RoleChange, other, "player -> support", null, at.AddMinutes(2)));

        var ofPlayer = await Store.ReadStaffActionsAsync(new StaffActionQuery(null, player, null, 1, 10));
        Assert.Equal([StaffActionKind.Suspend, StaffActionKind.Credit], ofPlayer.Items.Select(action => action.Kind));
        Assert.Equal(2, ofPlayer.Total);
        Assert.Equal(credit, ofPlayer.Items[1]);
        var byStaff = await Store.ReadStaffActionsAsync(new StaffActionQuery(staff, null, null, 1, 2));
        Assert.Equal((3L, 2), (byStaff.Total, byStaff.Items.Count));
        Assert.Equal(StaffActionKind.RoleChange, byStaff.Items[0].Kind);
        Assert.Null(byStaff.Items[0].Reason);
        var roleChanges = await Store.ReadStaffActionsAsync(new StaffActionQuery(staff, null, StaffActionKind.RoleChange, 1, 10));
        Assert.Equal(other, Assert.Single(roleChanges.Items).PlayerId);
    }

    [Fact]
    public async Task Turnover_is_stakes_less_refunds_of_the_account_alone()
    {
        var (account, other) = (NewAccount(), NewAccount());
        LedgerEntry Move(long owner, long seq, LedgerEntryType type, long amount, long after) =>
            new(owner, seq, $"t-{seq}", type, new Money(amount), Money.Zero, new Money(after), Money.Zero, "t", null, DateTimeOffset.UtcNow);

        await Store.AppendBatchAsync([
            new(Move(account, 1, LedgerEntryType.Deposit, 10_000, 10_000)),
            new(Move(account, 2, LedgerEntryType.BetStake, -3_000, 7_000)),
            new(Move(account, 3, LedgerEntryType.BetStake, -2_000, 5_000)),
            new(Move(account, 4, LedgerEntryType.BetRefund, 2_000, 7_000)),
            new(Move(account, 5, LedgerEntryType.BetPayout, 6_000, 13_000)),
            new(Move(other, 1, LedgerEntryType.Deposit, 500, 500)),
            new(Move(other, 2, LedgerEntryType.BetStake, -500, 0)),
        ]);

        Assert.Equal(new Money(3_000), await Store.ReadTurnoverAsync(account));
        Assert.Equal(new Money(500), await Store.ReadTurnoverAsync(other));
        Assert.Equal(Money.Zero, await Store.ReadTurnoverAsync(NewAccount()));
    }

    [Fact]
    public async Task A_decisions_reason_is_kept_with_it_and_a_later_decision_changes_neither()
    {
        var account = NewAccount();
        var (rejected, approved) = ($"wd-{account}-r", $"wd-{account}-a");
        var at = DateTimeOffset.UtcNow.AddMinutes(-5);
        var reason = "KYC name does not match the bank account — ünïcödé ✓ " + new string('x', 400);
        await Store.AppendBatchAsync([new(Entry(account, 1, "fund", 1000, 1000))]);
        await Store.AppendBatchAsync([
            new(new LedgerEntry(account, 2, $"withdrawal:{rejected}", LedgerEntryType.WithdrawalHold, new Money(-300), new Money(300), new Money(700), new Money(300), "w", null, at),
                Withdrawal: new Withdrawal(rejected, account, new Money(300), WithdrawalStatus.Pending, at, null, null)),
            new(new LedgerEntry(account, 3, $"withdrawal:{approved}", LedgerEntryType.WithdrawalHold, new Money(-200), new Money(200), new Money(500), new Money(500), "w", null, at.AddSeconds(1)),
                Withdrawal: new Withdrawal(approved, account, new Money(200), WithdrawalStatus.Pending, at.AddSeconds(1), null, null)),
        ]);

        await Store.AppendBatchAsync([
            new(new LedgerEntry(account, 4, $"withdrawal-settled:{rejected}", LedgerEntryType.WithdrawalRelease, new Money(300), new Money(-300), new Money(800), new Money(200), "w", null, at.AddMinutes(1)),
                Decision: new WithdrawalDecision(rejected, Paid: false, DecidedBy: 7, at.AddMinutes(1), reason)),
            new(new LedgerEntry(account, 5, $"withdrawal-settled:{approved}", LedgerEntryType.WithdrawalPaid, Money.Zero, new Money(-200), new Money(800), Money.Zero, "w", null, at.AddMinutes(1)),
                Decision: new WithdrawalDecision(approved, Paid: true, DecidedBy: 8, at.AddMinutes(1))),
        ]);
        // A second decision, as a retry with another verdict and reason would carry: the entry is refused and the first decision stays.
        await Store.AppendBatchAsync([
            new(new LedgerEntry(account, 6, $"withdrawal-settled:{rejected}", LedgerEntryType.WithdrawalPaid, Money.Zero, new Money(-300), new Money(800), Money.Zero, "w", null, at.AddMinutes(2)),
                Decision: new WithdrawalDecision(rejected, Paid: true, DecidedBy: 9, at.AddMinutes(2), "changed my mind")),
        ]);

        var first = (await Store.ReadWithdrawalAsync(rejected))!;
        Assert.Equal((WithdrawalStatus.Rejected, 7L, reason), (first.Status, first.DecidedBy!.Value, first.Reason));
        var second = (await Store.ReadWithdrawalAsync(approved))!;
        Assert.Equal((WithdrawalStatus.Paid, 8L, (string?)null), (second.Status, second.DecidedBy!.Value, second.Reason));
        var listed = await Store.ReadWithdrawalsAsync(new WithdrawalQuery(null, account, 1, 10));
        Assert.Equal([(approved, (string?)null), (rejected, reason)], listed.Items.Select(w => (w.WithdrawalId, w.Reason)));
        Assert.Null((await Store.ReadWithdrawalsAsync(new WithdrawalQuery(WithdrawalStatus.Pending, account, 1, 10))).Items.SingleOrDefault());
    }

    [Fact]
    public async Task Withdrawals_page_newest_first_by_status()
    {
        var account = NewAccount();
        var start = DateTimeOffset.UtcNow.AddMinutes(-30);
        await Store.AppendBatchAsync([new(Entry(account, 1, "fund", 1000, 1000))]);
        for (var i = 1; i <= 5; i++)
        {
            var at = start.AddSeconds(i);
            var id = $"wd-{account}-{i}";
            await Store.AppendBatchAsync([new(
                new LedgerEntry(account, i + 1, $"withdrawal:{id}", LedgerEntryType.WithdrawalHold, new Money(-10), new Money(10), new Money(1000 - (10 * i)), new Money(10 * i), "w", null, at),
                Withdrawal: new Withdrawal(id, account, new Money(10), WithdrawalStatus.Pending, at, null, null))]);
        }

        var page = await Store.ReadWithdrawalsAsync(new WithdrawalQuery(WithdrawalStatus.Pending, account, 2, 2));

        Assert.Equal(5, page.Total);
        Assert.Equal([$"wd-{account}-3", $"wd-{account}-2"], page.Items.Select(w => w.WithdrawalId));
    }

    [Fact]
    public async Task A_withdrawals_payout_method_and_full_destination_land_with_its_hold_and_stay_through_its_decision()
    {
        var account = NewAccount();
        var at = DateTimeOffset.UtcNow.AddMinutes(-10);
        PayoutDestination?[] destinations =
        [
            null, // requested before payout methods existed
            PayoutDestination.Create(PayoutKind.Bank, holderName: "R.K. D'Souza-Menon", accountNumber: "001234567890123456", ifsc: "HDFC0001234"),
            PayoutDestination.Create(PayoutKind.Upi, vpa: $"{new string('a', 256)}@{new string('b', 64)}"),
            PayoutDestination.Create(PayoutKind.UsdtTrc20, address: "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"),
        ];
        await Store.AppendBatchAsync([new(Entry(account, 1, "fund", 1000, 1000))]);
        var ids = destinations.Select((_, i) => $"wd-{account}-{i}").ToList();
        await Store.AppendBatchAsync([.. destinations.Select((destination, i) => new JournalAppend(
            new LedgerEntry(account, i + 2, $"withdrawal:{ids[i]}", LedgerEntryType.WithdrawalHold, new Money(-10), new Money(10), new Money(990 - (10 * i)), new Money(10 * (i + 1)), "w", null, at.AddSeconds(i)),
            Withdrawal: new Withdrawal(ids[i], account, new Money(10), WithdrawalStatus.Pending, at.AddSeconds(i), null, null, null,
                destination is null ? null : $"pm_{i:x16}", destination)))]);
        await Store.AppendBatchAsync([new(
            new LedgerEntry(account, 6, $"withdrawal-settled:{ids[1]}", LedgerEntryType.WithdrawalPaid, Money.Zero, new Money(-10), new Money(960), new Money(30), "w", null, at.AddMinutes(1)),
            Decision: new WithdrawalDecision(ids[1], Paid: true, DecidedBy: 7, at.AddMinutes(1)))]);

        var listed = (await Store.ReadWithdrawalsAsync(new WithdrawalQuery(null, account, 1, 10))).Items;
        var read = await Task.WhenAll(ids.Select(id => Store.ReadWithdrawalAsync(id)));

        Assert.Equal(Enumerable.Reverse(destinations), listed.Select(w => w.Destination));
        Assert.Equal([null, "pm_0000000000000001", "pm_0000000000000002", "pm_0000000000000003"], read.Select(w => w!.PayoutMethodId));
        Assert.Equal(destinations, read.Select(w => w!.Destination));
        Assert.Equal((WithdrawalStatus.Paid, "001234567890123456"), (read[1]!.Status, read[1]!.Destination!.AccountNumber));
    }

    [Fact]
    public async Task A_flag_lands_with_its_deposit()
    {
        var account = NewAccount();
        var orderId = $"dep-{account}";
        var flag = new FlaggedDeposit(account, orderId, new Money(600), DepositFlagReason.OverDailyLimit, "past the limit", DateTimeOffset.UtcNow);

        await Store.AppendBatchAsync([new(Entry(account, 1, $"deposit:{orderId}", 600, 600), Flag: flag)]);

        var flagged = await Store.ReadFlaggedDepositsAsync(account, 1, 10);
        var stored = Assert.Single(flagged.Items, item => item.OrderId == orderId);
        Assert.Equal((account, new Money(600), DepositFlagReason.OverDailyLimit, "past the limit"), (stored.UserId, stored.Amount, stored.Reason, stored.Detail));
    }

    [Fact]
    public async Task A_days_seed_chain_is_stored_once_and_read_back()
    {
        var game = new GameKey(GameId.Wingo, 30);
        var day = RandomDay();
        var first = new StoredSeedChain(game, day, SeedChain.NewSecret(), "a1", SeedChain.DayStart(day).AddDays(-2));

        var stored = await Store.SaveSeedChainAsync(first);
        var again = await Store.SaveSeedChainAsync(first with { Secret = SeedChain.NewSecret(), Anchor = "b2" });

        Assert.Equal(first.Secret, stored.Secret);
        Assert.Equal(first.Secret, again.Secret);
        Assert.Equal(["a1", "a1"], new[] { stored.Anchor, again.Anchor });
        Assert.Equal(first.Secret, (await Store.ReadSeedChainAsync(game, day))!.Secret);
        Assert.Null(await Store.ReadSeedChainAsync(new GameKey(GameId.Wingo, 60), day));
        Assert.True(stored.CreatedAt >= first.CreatedAt);
        var anchor = Assert.Single(await Store.ReadDayAnchorsAsync(day, day), anchor => anchor.Game == game);
        Assert.Equal(("a1", stored.CreatedAt, !SeedChain.PublishedInTime(day, stored.CreatedAt)), (anchor.Anchor, anchor.PublishedAt, anchor.Late));
    }

    [Fact]
    public async Task A_days_results_and_bet_totals_are_read_by_period_range()
    {
        var game = new GameKey(GameId.K3, 600);
        var day = RandomDay();
        var (p1, p2, p3) = (Schedule.PeriodOfDay(game, day, 1).PeriodId, Schedule.PeriodOfDay(game, day, 2).PeriodId, Schedule.PeriodOfDay(game, day, 3).PeriodId);
        foreach (var periodId in new[] { p1, p3 })
        {
            await Store.SavePeriodResultAsync(new PeriodResult(game, periodId, "c", "s", new GameResult([1, 2, 3]), DateTimeOffset.UtcNow, DateTimeOffset.UtcNow));
        }

        var account = NewAccount();
        await Store.AppendBatchAsync([new(Entry(account, 1, "fund", 1000, 1000))]);
        var bets = new[] { (p1, "big", 300L, (BetOutcomeKind?)BetOutcomeKind.Won, 576L), (p1, "small", 200L, BetOutcomeKind.Lost, 0L), (p2, "big", 100L, BetOutcomeKind.Refunded, 100L), (p3, "odd", 50L, null, 0L) };
        for (var i = 0; i < bets.Length; i++)
        {
            var (periodId, value, stake, kind, payout) = bets[i];
            var bet = new BetRecord($"range-{account}-{i}", account, game, periodId, new BetSelection(BetType.Size, value), new Money(stake), DateTimeOffset.UtcNow);
            await Store.AppendBatchAsync([new(new LedgerEntry(account, i + 2, $"bet:{bet.BetId}", LedgerEntryType.BetStake, new Money(-stake), Money.Zero,
                new Money(1000 - bets.Take(i + 1).Sum(b => b.Item3)), Money.Zero, "bet", periodId, DateTimeOffset.UtcNow), bet)]);
            if (kind is { } settled)
            {
                await Store.RecordOutcomesAsync([new BetOutcome(bet.BetId, account, game, periodId, settled, new Money(payout), DateTimeOffset.UtcNow)]);
            }
        }

        var results = await Store.ReadPeriodResultsBetweenAsync(game, p1, p3);
        var totals = await Store.ReadPeriodBetTotalsAsync(game, p1, p3);
        var stakes = await Store.ReadStakesBySelectionAsync(game, p1, p3);

        Assert.Equal([p1, p3], results.Select(result => result.PeriodId));
        Assert.Equal([new PeriodBetTotals(p1, 2, new Money(500), new Money(576), Money.Zero, 0), new PeriodBetTotals(p2, 1, new Money(100), Money.Zero, new Money(100), 0),
            new PeriodBetTotals(p3, 1, new Money(50), Money.Zero, Money.Zero, 1)], totals);
        Assert.Equal(new Money(300), stakes.Single(stake => stake.Selection.Value == "big").Staked);
        Assert.Equal(new Money(50), stakes.Single(stake => stake.Selection.Value == "odd").Staked);
        Assert.Equal(new Money(200), stakes.Single(stake => stake.Selection.Value == "small").Staked);
    }

    /// <summary>
    /// A day in the years 1000 to 9999 (MariaDB's DATE): the test database keeps its rows between runs,
    /// so a run's days must not be an earlier run's.
    /// </summary>
    private static DateOnly RandomDay() => new DateOnly(1000, 1, 1).AddDays(Random.Shared.Next(0, 3_000_000));
}
