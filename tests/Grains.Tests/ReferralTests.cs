using GameServer.Games;
using GameServer.Players;
using GameServer.Referral;
using GameServer.Testing;
using GameServer.Wallet;

namespace GameServer.Grains.Tests;

[Collection(GamesCollection.Name)]
public sealed class ReferralTests(GameClusterFixture fixture)
{
    private static long nextMember = 900_000_000;

    private IReferralTreeGrain Tree(long id) => fixture.Client.GetGrain<IReferralTreeGrain>(id);

    private static long NewId() => Interlocked.Increment(ref nextMember);

    [Fact]
    public async Task A_six_level_chain_and_wide_levels_give_exact_counts_and_sums_per_level()
    {
        var root = NewId();
        await Tree(root).Join([]);
        var levels = new List<List<(long Id, List<long> Upline)>> { new() { (root, []) } };
        foreach (var width in new[] { 10, 100, 1000 })
        {
            var parents = levels[^1];
            var next = new List<(long, List<long>)>();
            for (var i = 0; i < width; i++)
            {
                var parent = parents[i % parents.Count];
                next.Add((NewId(), [parent.Id, .. parent.Upline]));
            }

            await Task.WhenAll(next.Select(member => Tree(member.Item1).Join(member.Item2)));
            levels.Add(next);
        }

        // Levels 4–7 as a single chain below one level-3 member; level 7 is beyond the team.
        var chain = levels[^1][0];
        for (var depth = 4; depth <= 7; depth++)
        {
            var member = (NewId(), new List<long> { chain.Id }.Concat(chain.Upline).ToList());
            await Tree(member.Item1).Join(member.Item2);
            levels.Add([member]);
            chain = member;
        }

        // Every level-2 member has recharged 50 and holds 30; one level-5 member recharged 1,000 and withdrew 400.
        foreach (var (id, _) in levels[2])
        {
            await Tree(id).RecordMoney(1, Money.FromMajor(30), Money.FromMajor(50), Money.Zero);
        }

        await Tree(levels[5][0].Id).RecordMoney(3, Money.FromMajor(600), Money.FromMajor(1000), Money.FromMajor(400));

        var summary = await Tree(root).GetTeamSummary();

        Assert.Equal([10L, 100, 1000, 1, 1, 1], summary.Levels.Select(l => l.Members));
        Assert.Equal(Money.FromMajor(50 * 100), summary.Levels[1].TotalRecharge);
        Assert.Equal(Money.FromMajor(30 * 100), summary.Levels[1].TeamBalance);
        Assert.Equal(Money.FromMajor(1000), summary.Levels[4].TotalRecharge);
        Assert.Equal(Money.FromMajor(400), summary.Levels[4].TotalWithdrawal);
        Assert.Equal(Money.Zero, summary.Levels[0].TotalRecharge);
        Assert.Equal(10, (await Tree(root).GetDirectMembers()).Count);
    }

    [Fact]
    public async Task A_deposit_three_levels_down_changes_exactly_the_right_aggregates()
    {
        var chain = new List<UserProfile>();
        string? invite = null;
        for (var i = 0; i < 4; i++)
        {
            var phone = PhoneNumberRules.Canonical(ApiClientExtensions.NewPhoneNumber());
            var user = await fixture.Client.GetGrain<IPhoneIndexGrain>(PlayerKeys.Phone(phone)).Register(new NewUser(phone, "long-enough-password", invite));
            chain.Add(user);
            invite = user.InviteCode;
        }

        await fixture.Client.GetGrain<IWalletGrain>(chain[3].UserId).CreditDeposit($"team-{chain[3].UserId}", Money.FromMajor(250), "test");

        await Eventually(async () => (await Tree(chain[0].UserId).GetTeamSummary()).Levels[2].TotalRecharge == Money.FromMajor(250));
        var top = await Tree(chain[0].UserId).GetTeamSummary();
        var middle = await Tree(chain[1].UserId).GetTeamSummary();
        var parent = await Tree(chain[2].UserId).GetTeamSummary();
        Assert.Equal([0L, 0, 25000, 0, 0, 0], top.Levels.Select(l => l.TotalRecharge.MinorUnits));
        Assert.Equal([1L, 1, 1, 0, 0, 0], top.Levels.Select(l => l.Members));
        Assert.Equal(Money.FromMajor(250), middle.Levels[1].TotalRecharge);
        Assert.Equal(Money.FromMajor(250), parent.Levels[0].TotalRecharge);
        Assert.Equal(Money.FromMajor(250), parent.Levels[0].TeamBalance);
    }

    [Fact]
    public async Task Replayed_and_reordered_snapshots_do_not_double_count()
    {
        var root = NewId();
        var member = NewId();
        await Tree(root).Join([]);
        await Tree(member).Join([root]);
        var newer = new MemberSnapshot(member, 5, Money.FromMajor(10), Money.FromMajor(100), Money.Zero, DateOnly.FromDateTime(fixture.Clock.GetUtcNow().UtcDateTime));
        var older = new MemberSnapshot(member, 3, Money.FromMajor(99), Money.FromMajor(99), Money.FromMajor(99), null);

        await Tree(root).UpdateMember(1, newer);
        await Tree(root).UpdateMember(1, newer);
        await Tree(root).UpdateMember(1, older);
        var level = (await Tree(root).GetTeamSummary()).Levels[0];

        Assert.Equal(1, level.Members);
        Assert.Equal(1, level.ActiveMembers);
        Assert.Equal(Money.FromMajor(100), level.TotalRecharge);
        Assert.Equal(Money.FromMajor(10), level.TeamBalance);
    }

    [Fact]
    public async Task Rebuild_recomputes_the_team_from_the_ledger()
    {
        var root = NewId();
        var member = NewId();
        await Tree(root).Join([]);
        await Tree(member).Join([root]);
        await fixture.Client.GetGrain<IWalletGrain>(member).CreditDeposit($"rebuild-{member}", Money.FromMajor(70), "test");
        await Tree(root).UpdateMember(1, new MemberSnapshot(member, 99, Money.FromMajor(5), Money.FromMajor(5), Money.Zero, null) with { LedgerSeq = 0 });

        var rebuilt = await Tree(root).Rebuild();

        Assert.Equal(Money.FromMajor(70), rebuilt.Levels[0].TotalRecharge);
        Assert.Equal(1, rebuilt.Levels[0].Members);
    }

    [Fact]
    public async Task Commission_for_a_day_is_paid_once_however_often_the_job_runs()
    {
        var key = new GameKey(GameId.Wingo, 300);
        var upline = await fixture.FundedWallet(Money.FromMajor(1));
        var phone = PhoneNumberRules.Canonical(ApiClientExtensions.NewPhoneNumber());
        var uplineUser = await fixture.Client.GetGrain<IPhoneIndexGrain>(PlayerKeys.Phone(phone)).Register(new NewUser(phone, "long-enough-password", null));
        var memberPhone = PhoneNumberRules.Canonical(ApiClientExtensions.NewPhoneNumber());
        var member = await fixture.Client.GetGrain<IPhoneIndexGrain>(PlayerKeys.Phone(memberPhone)).Register(new NewUser(memberPhone, "long-enough-password", uplineUser.InviteCode));
        var memberWallet = fixture.Client.GetGrain<IWalletGrain>(member.UserId);
        await memberWallet.CreditDeposit($"c-{member.UserId}", Money.FromMajor(1000), "test");
        var period = await fixture.StartNextPeriod(key);
        await memberWallet.PlaceBet(new BetRequest($"commission-{member.UserId}", key, period.PeriodId, GameDriver.Bet(GameId.Wingo, "size", "big"), Money.FromMajor(500)));
        var day = DateOnly.FromDateTime(period.StartsAt.UtcDateTime);
        var commission = fixture.Client.GetGrain<ICommissionGrain>($"test-{Guid.NewGuid():N}");

        await commission.PayDay(day);
        await commission.PayDay(day);
        await commission.PayDay(day);

        var uplineWallet = fixture.Client.GetGrain<IWalletGrain>(uplineUser.UserId);
        var entries = (await uplineWallet.GetTransactions(1, 10)).Entries.Where(e => e.Type == LedgerEntryType.ReferralCommission).ToList();
        var entry = Assert.Single(entries);
        Assert.Equal(new Money(500_00 * 6000 / 1_000_000), entry.Amount); // 0.6 % of ₹500 = ₹3
        Assert.Equal($"commission:{day:yyyyMMdd}", entry.OperationId);
        _ = upline;
    }

    [Fact]
    public async Task A_self_excluded_uplines_commission_for_the_day_lapses_and_the_run_goes_on()
    {
        var key = new GameKey(GameId.Wingo, 300);
        var phone = PhoneNumberRules.Canonical(ApiClientExtensions.NewPhoneNumber());
        var uplineUser = await fixture.Client.GetGrain<IPhoneIndexGrain>(PlayerKeys.Phone(phone)).Register(new NewUser(phone, "long-enough-password", null));
        var memberPhone = PhoneNumberRules.Canonical(ApiClientExtensions.NewPhoneNumber());
        var member = await fixture.Client.GetGrain<IPhoneIndexGrain>(PlayerKeys.Phone(memberPhone)).Register(new NewUser(memberPhone, "long-enough-password", uplineUser.InviteCode));
        var memberWallet = fixture.Client.GetGrain<IWalletGrain>(member.UserId);
        await memberWallet.CreditDeposit($"lapse-{member.UserId}", Money.FromMajor(1000), "test");
        var period = await fixture.StartNextPeriod(key);
        await memberWallet.PlaceBet(new BetRequest($"lapse-{member.UserId}", key, period.PeriodId, GameDriver.Bet(GameId.Wingo, "size", "big"), Money.FromMajor(500)));
        var uplineWallet = fixture.Client.GetGrain<IWalletGrain>(uplineUser.UserId);
        await uplineWallet.SelfExclude(TimeSpan.FromDays(3));

        await fixture.Client.GetGrain<ICommissionGrain>($"test-{Guid.NewGuid():N}").PayDay(DateOnly.FromDateTime(period.StartsAt.UtcDateTime));

        Assert.DoesNotContain((await uplineWallet.GetTransactions(1, 10)).Entries, e => e.Type == LedgerEntryType.ReferralCommission);
        var refused = await Assert.ThrowsAsync<GameServerException>(() =>
            uplineWallet.CreditBonus($"bonus-{Guid.NewGuid():N}", LedgerEntryType.AttendanceBonus, Money.FromMajor(5), "attendance"));
        Assert.Equal(ErrorKind.Forbidden, refused.Kind);
    }

    [Fact]
    public async Task Members_count_as_active_for_30_days_after_their_last_login_and_not_on_the_31st()
    {
        var root = NewId();
        await Tree(root).Join([]);
        var today = DateOnly.FromDateTime(fixture.Clock.GetUtcNow().UtcDateTime);
        foreach (var daysAgo in new int?[] { 0, 29, 30, 45, null })
        {
            var member = NewId();
            await Tree(member).Join([root]);
            await Tree(root).UpdateMember(1, new MemberSnapshot(member, 1, Money.Zero, Money.Zero, Money.Zero, daysAgo is { } ago ? today.AddDays(-ago) : null));
        }

        var level = (await Tree(root).GetTeamSummary()).Levels[0];

        Assert.Equal((5L, 2L), (level.Members, level.ActiveMembers));
    }

    [Fact]
    public async Task Each_of_the_six_upline_levels_earns_its_rate_of_the_previous_days_stakes()
    {
        var key = new GameKey(GameId.Wingo, 300);
        var chain = new List<UserProfile>();
        string? invite = null;
        for (var i = 0; i < 8; i++)
        {
            var phone = PhoneNumberRules.Canonical(ApiClientExtensions.NewPhoneNumber());
            var user = await fixture.Client.GetGrain<IPhoneIndexGrain>(PlayerKeys.Phone(phone)).Register(new NewUser(phone, "long-enough-password", invite));
            chain.Add(user);
            invite = user.InviteCode;
        }

        var member = fixture.Client.GetGrain<IWalletGrain>(chain[^1].UserId);
        await member.CreditDeposit($"levels-{chain[^1].UserId}", Money.FromMajor(200_000), "test");
        var period = await fixture.StartNextPeriod(key);
        await member.PlaceBet(new BetRequest($"levels-{chain[^1].UserId}", key, period.PeriodId, GameDriver.Bet(GameId.Wingo, "size", "big"), Money.FromMajor(100_000)));
        var day = DateOnly.FromDateTime(period.StartsAt.UtcDateTime);

        await fixture.Client.GetGrain<ICommissionGrain>($"test-{Guid.NewGuid():N}").PayDay(day);

        // ₹100,000 staked: L1 0.6 % = 600, L2 0.18 % = 180, L3 0.054 % = 54, L4 0.016 % = 16, L5 0.0048 % = 4.80, L6 0.0014 % = 1.40;
        // the seventh up (chain[0]) is beyond the team and earns nothing, nor does the member.
        long[] expected = [0, 1_40, 4_80, 16_00, 54_00, 180_00, 600_00, 0];
        for (var i = 0; i < 8; i++)
        {
            var earned = (await fixture.Client.GetGrain<IWalletGrain>(chain[i].UserId).GetTransactions(1, 10)).Entries
                .Where(e => e.Type == LedgerEntryType.ReferralCommission).Sum(e => e.Amount.MinorUnits);
            Assert.Equal(expected[i], earned);
        }
    }

    [Fact]
    public async Task The_daily_run_pays_every_unpaid_day_up_to_yesterday_and_never_today()
    {
        var key = new GameKey(GameId.Wingo, 300);
        var phone = PhoneNumberRules.Canonical(ApiClientExtensions.NewPhoneNumber());
        var upline = await fixture.Client.GetGrain<IPhoneIndexGrain>(PlayerKeys.Phone(phone)).Register(new NewUser(phone, "long-enough-password", null));
        var memberPhone = PhoneNumberRules.Canonical(ApiClientExtensions.NewPhoneNumber());
        var member = await fixture.Client.GetGrain<IPhoneIndexGrain>(PlayerKeys.Phone(memberPhone)).Register(new NewUser(memberPhone, "long-enough-password", upline.InviteCode));
        var memberWallet = fixture.Client.GetGrain<IWalletGrain>(member.UserId);
        await memberWallet.CreditDeposit($"daily-{member.UserId}", Money.FromMajor(1000), "test");
        var period = await fixture.StartNextPeriod(key);
        await memberWallet.PlaceBet(new BetRequest($"daily-{member.UserId}", key, period.PeriodId, GameDriver.Bet(GameId.Wingo, "size", "big"), Money.FromMajor(500)));
        var day = DateOnly.FromDateTime(period.StartsAt.UtcDateTime);
        var commission = fixture.Client.GetGrain<ICommissionGrain>($"test-{Guid.NewGuid():N}");
        var uplineWallet = fixture.Client.GetGrain<IWalletGrain>(upline.UserId);
        async Task<List<LedgerEntry>> Commissions() =>
            (await uplineWallet.GetTransactions(1, 10)).Entries.Where(e => e.Type == LedgerEntryType.ReferralCommission).ToList();

        var paidToday = await commission.PayDueDays();
        var beforeMidnight = await Commissions();
        fixture.Clock.SetUtcNow(new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddMinutes(1));
        var paidNextDay = await commission.PayDueDays();
        var again = await commission.PayDueDays();

        Assert.DoesNotContain(day, paidToday);
        Assert.Empty(beforeMidnight);
        Assert.Contains(day, paidNextDay);
        Assert.Empty(again);
        Assert.Equal($"commission:{day:yyyyMMdd}", Assert.Single(await Commissions()).OperationId);
    }

    [Fact]
    public async Task A_day_with_stakes_from_an_account_without_a_player_still_pays_every_upline()
    {
        var key = new GameKey(GameId.Wingo, 180);
        var phone = PhoneNumberRules.Canonical(ApiClientExtensions.NewPhoneNumber());
        var upline = await fixture.Client.GetGrain<IPhoneIndexGrain>(PlayerKeys.Phone(phone)).Register(new NewUser(phone, "long-enough-password", null));
        var memberPhone = PhoneNumberRules.Canonical(ApiClientExtensions.NewPhoneNumber());
        var member = await fixture.Client.GetGrain<IPhoneIndexGrain>(PlayerKeys.Phone(memberPhone)).Register(new NewUser(memberPhone, "long-enough-password", upline.InviteCode));
        var memberWallet = fixture.Client.GetGrain<IWalletGrain>(member.UserId);
        await memberWallet.CreditDeposit($"orphan-day-{member.UserId}", Money.FromMajor(100), "test");
        var orphan = await fixture.FundedWallet(Money.FromMajor(100));
        var period = await fixture.StartNextPeriod(key);
        await orphan.PlaceBet(new BetRequest($"orphan-{Guid.NewGuid():N}", key, period.PeriodId, GameDriver.Bet(GameId.Wingo, "size", "big"), Money.FromMajor(50)));
        await memberWallet.PlaceBet(new BetRequest($"member-{Guid.NewGuid():N}", key, period.PeriodId, GameDriver.Bet(GameId.Wingo, "size", "big"), Money.FromMajor(50)));

        await fixture.Client.GetGrain<ICommissionGrain>($"test-{Guid.NewGuid():N}").PayDay(Schedule.DayOf(period));

        var commissions = (await fixture.Client.GetGrain<IWalletGrain>(upline.UserId).GetTransactions(1, 10)).Entries.Where(e => e.Type == LedgerEntryType.ReferralCommission);
        Assert.Single(commissions);
    }

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
