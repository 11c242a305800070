using GameServer.Games;
using GameServer.Players;
using GameServer.Testing;
using GameServer.Wallet;

namespace GameServer.Grains.Tests;

/// <summary>SPEC §4 staff actions on players: suspension, roles, VIP levels by turnover and override, the daily rebate, the staff audit trail.</summary>
[Collection(GamesCollection.Name)]
public sealed class PlayerManagementTests(GameClusterFixture fixture)
{
    private const string Password = "long-enough-password";
    private const long AdminId = 1;
    private static readonly GameKey Key = new(GameId.Wingo, 300);

    [Fact]
    public async Task A_suspended_player_cannot_log_in_bet_deposit_withdraw_or_get_a_bonus_yet_a_placed_bet_settles_and_the_money_stays()
    {
        var player = await NewPlayer();
        var wallet = fixture.Client.GetGrain<IWalletGrain>(player.UserId);
        await wallet.CreditDeposit($"suspend-{player.UserId}", Money.FromMajor(1000), "test");
        var period = await fixture.StartNextPeriod(Key);
        var placed = new BetRequest($"before-{player.UserId}", Key, period.PeriodId, GameDriver.Bet(GameId.Wingo, "size", "big"), Money.FromMajor(100));
        await wallet.PlaceBet(placed);
        var method = await fixture.Client.TestPayoutMethod(wallet);

        var suspended = await User(player.UserId).Suspend("  chargeback under review  ", AdminId);

        Assert.Equal(("chargeback under review", AdminId), (suspended.Suspension!.Reason, suspended.Suspension.SuspendedBy));
        Assert.Equal(ErrorKind.Forbidden, (await Refused(() => User(player.UserId).Login(Password))).Kind);
        Assert.Equal(ErrorKind.Unauthorized, (await Refused(() => User(player.UserId).Login("a-wrong-password"))).Kind);
        Assert.Equal(ErrorKind.Forbidden, (await Refused(() => wallet.PlaceBet(placed with { BetId = $"after-{player.UserId}" }))).Kind);
        Assert.Equal(ErrorKind.Forbidden, (await Refused(() => wallet.ReserveDeposit($"order-{player.UserId}", Money.FromMajor(10)))).Kind);
        Assert.Equal(ErrorKind.Forbidden, (await Refused(() => wallet.RequestWithdrawal($"w-{player.UserId}", Money.FromMajor(10), method))).Kind);
        Assert.Equal(ErrorKind.Forbidden, (await Refused(() => wallet.CreditBonus($"bonus-{player.UserId}", LedgerEntryType.AttendanceBonus, Money.FromMajor(5), "attendance"))).Kind);
        Assert.Equal(Money.FromMajor(900), (await wallet.GetBalance()).Available);

        await fixture.EndPeriod(period);
        var settled = Assert.Single(await fixture.Ledger.ReadPeriodBetsAsync(Key, period.PeriodId), bet => bet.Bet.UserId == player.UserId);
        Assert.NotNull(settled.Outcome);
        Assert.Equal(Money.FromMajor(900) + settled.Outcome.Payout, (await wallet.GetBalance()).Available);

        await User(player.UserId).Reinstate("review closed", AdminId);
        await User(player.UserId).Login(Password);
        await wallet.ReserveDeposit($"order-again-{player.UserId}", Money.FromMajor(10));
        var trail = await Trail(player.UserId);
        Assert.Equal([StaffActionKind.Reinstate, StaffActionKind.Suspend], trail.Select(action => action.Kind));
        Assert.Equal(["review closed", "chargeback under review"], trail.Select(action => action.Reason));
    }

    [Fact]
    public async Task Suspending_ends_every_session_of_the_player_and_a_repeat_records_nothing_more()
    {
        var player = await NewPlayer();
        var first = await fixture.Client.GetGrain<ISessionGrain>(Guid.NewGuid()).Start(player.UserId);
        var second = await fixture.Client.GetGrain<ISessionGrain>(Guid.NewGuid()).Start(player.UserId);
        Assert.Equal(2, (await fixture.Client.GetGrain<IPlayerSessionsGrain>(player.UserId).List()).Count);

        await User(player.UserId).Suspend("account takeover suspected", AdminId);
        await User(player.UserId).Suspend("account takeover suspected", AdminId);

        Assert.Empty(await fixture.Client.GetGrain<IPlayerSessionsGrain>(player.UserId).List());
        foreach (var token in new[] { first, second })
        {
            Assert.True(RefreshTokens.TryParse(token.Token, out var sessionId, out var secret));
            Assert.Equal(ErrorKind.Unauthorized, (await Refused(() => fixture.Client.GetGrain<ISessionGrain>(sessionId).Rotate(secret))).Kind);
        }

        Assert.Single(await Trail(player.UserId));
    }

    [Fact]
    public async Task Staff_cannot_be_suspended_nor_change_their_own_role_and_a_reason_is_required()
    {
        var player = await NewPlayer();
        await User(player.UserId).ChangeRole(UserRole.Support, "joins the support desk", AdminId);

        Assert.Equal(ErrorKind.Conflict, (await Refused(() => User(player.UserId).Suspend("no", AdminId))).Kind);
        Assert.Equal(ErrorKind.Conflict, (await Refused(() => User(player.UserId).ChangeRole(UserRole.Admin, "promote myself", player.UserId))).Kind);
        Assert.Equal(ErrorKind.Invalid, (await Refused(() => User(player.UserId).ChangeRole(UserRole.Player, "   ", AdminId))).Kind);
        Assert.Equal(UserRole.Support, (await User(player.UserId).GetProfile()).Role);
        var change = Assert.Single(await Trail(player.UserId));
        Assert.Equal((StaffActionKind.RoleChange, "player -> support"), (change.Kind, change.Subject));
    }

    [Fact]
    public async Task Stakes_raise_the_turnover_vip_level_and_an_override_wins_until_it_is_lifted()
    {
        var player = await NewPlayer();
        var wallet = fixture.Client.GetGrain<IWalletGrain>(player.UserId);
        await wallet.CreditDeposit($"vip-{player.UserId}", Money.FromMajor(2000), "test");
        var period = await fixture.StartNextPeriod(Key);

        await wallet.PlaceBet(new BetRequest($"vip-a-{player.UserId}", Key, period.PeriodId, GameDriver.Bet(GameId.Wingo, "size", "big"), Money.FromMajor(500)));
        await Eventually(async () => (await User(player.UserId).GetProfile()).TurnoverVipLevel == 0);
        await wallet.PlaceBet(new BetRequest($"vip-b-{player.UserId}", Key, period.PeriodId, GameDriver.Bet(GameId.Wingo, "size", "big"), Money.FromMajor(500)));
        await Eventually(async () => (await User(player.UserId).GetProfile()).VipLevel == 1); // ₹1,000 of turnover reaches level 1

        var overridden = await User(player.UserId).OverrideVipLevel(7, "high-value player", AdminId);
        Assert.Equal((7, 1, (int?)7), (overridden.VipLevel, overridden.TurnoverVipLevel, overridden.VipOverride));
        var lifted = await User(player.UserId).OverrideVipLevel(null, "back to the rules", AdminId);
        Assert.Equal((1, (int?)null), (lifted.VipLevel, lifted.VipOverride));
        Assert.Equal(ErrorKind.Invalid, (await Refused(() => User(player.UserId).OverrideVipLevel(11, "too high", AdminId))).Kind);
        Assert.Equal(["turnover level 1", "level 7"], (await Trail(player.UserId)).Select(action => action.Subject));
    }

    [Fact]
    public async Task A_days_rebate_is_paid_once_at_the_vip_level_lapses_while_suspended_and_the_audit_counts_it()
    {
        var player = await NewPlayer();
        var suspendedPlayer = await NewPlayer();
        var period = await fixture.StartNextPeriod(Key);
        foreach (var (userId, level) in new[] { (player.UserId, 2), (suspendedPlayer.UserId, 2) })
        {
            var wallet = fixture.Client.GetGrain<IWalletGrain>(userId);
            await wallet.CreditDeposit($"rebate-{userId}", Money.FromMajor(1000), "test");
            await wallet.PlaceBet(new BetRequest($"rebate-{userId}", Key, period.PeriodId, GameDriver.Bet(GameId.Wingo, "size", "small"), Money.FromMajor(400)));
            await User(userId).OverrideVipLevel(level, "rebate test", AdminId);
        }

        await User(suspendedPlayer.UserId).Suspend("fraud review", AdminId);
        var rebates = fixture.Client.GetGrain<IRebateGrain>($"test-{Guid.NewGuid():N}");
        var day = Schedule.DayOf(period);
        await rebates.PayDay(day);
        await rebates.PayDay(day);

        var paid = (await fixture.Client.GetGrain<IWalletGrain>(player.UserId).GetTransactions(1, 10, LedgerEntryType.Rebate)).Entries;
        var entry = Assert.Single(paid);
        Assert.Equal(new Money(400_00 * 1000 / 1_000_000), entry.Amount); // level 2: 0.1 % of ₹400 = ₹0.40
        Assert.Equal($"rebate:{day:yyyyMMdd}", entry.OperationId);
        Assert.Empty((await fixture.Client.GetGrain<IWalletGrain>(suspendedPlayer.UserId).GetTransactions(1, 10, LedgerEntryType.Rebate)).Entries);
        var audit = await fixture.Client.GetGrain<ILedgerAuditGrain>(0).Audit();
        Assert.True(audit.Conserved, string.Join("; ", audit.Violations));
        Assert.True(audit.TotalsByType[LedgerEntryType.Rebate] >= entry.Amount);
    }

    [Fact]
    public async Task A_credit_and_a_withdrawal_decision_are_each_recorded_once_with_their_ledger_entries()
    {
        var player = await NewPlayer();
        var wallet = fixture.Client.GetGrain<IWalletGrain>(player.UserId);
        await wallet.AdminAdjust($"goodwill-{player.UserId}", Money.FromMajor(50), "goodwill", AdminId);
        await wallet.AdminAdjust($"goodwill-{player.UserId}", Money.FromMajor(50), "goodwill", AdminId);
        await wallet.RequestWithdrawal($"wd-{player.UserId}", Money.FromMajor(20), await fixture.Client.TestPayoutMethod(wallet));
        await fixture.Client.GetGrain<IWithdrawalDeskGrain>(0).Decide($"wd-{player.UserId}", approve: false, AdminId, "name mismatch");

        var trail = await Trail(player.UserId);
        Assert.Equal([StaffActionKind.WithdrawalRejected, StaffActionKind.Credit], trail.Select(action => action.Kind));
        Assert.Equal(["name mismatch", "goodwill"], trail.Select(action => action.Reason));
        Assert.Equal("credit of 50.00", trail[1].Subject);
        Assert.All(trail, action => Assert.Equal((AdminId, (long?)player.UserId), (action.StaffId, action.PlayerId)));
    }

    private IUserGrain User(long userId) => fixture.Client.GetGrain<IUserGrain>(userId);

    private async Task<IReadOnlyList<StaffAction>> Trail(long userId) =>
        (await fixture.Client.GetGrain<IStaffAuditTrailGrain>(0).Read(new StaffActionQuery(null, userId, null, 1, 50))).Items;

    private async Task<UserProfile> NewPlayer()
    {
        var phone = PhoneNumberRules.Canonical(ApiClientExtensions.NewPhoneNumber());
        return await fixture.Client.GetGrain<IPhoneIndexGrain>(PlayerKeys.Phone(phone)).Register(new NewUser(phone, Password, null));
    }

    private static async Task<GameServerException> Refused(Func<Task> call) => await Assert.ThrowsAsync<GameServerException>(call);

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not become true within 10 s.");
            await Task.Delay(50);
        }
    }
}
