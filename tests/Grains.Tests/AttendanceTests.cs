using GameServer.Referral;
using GameServer.Testing;
using GameServer.Wallet;

namespace GameServer.Grains.Tests;

[Collection(GamesCollection.Name)]
public sealed class AttendanceTests(GameClusterFixture fixture)
{
    private async Task<(IAttendanceGrain Attendance, IWalletGrain Wallet)> Player(long recharge)
    {
        var wallet = await fixture.FundedWallet(Money.FromMajor(recharge));
        return (fixture.Client.GetGrain<IAttendanceGrain>(wallet.GetPrimaryKeyLong()), wallet);
    }

    private void NextDay() => fixture.Clock.Advance(TimeSpan.FromDays(1));

    [Fact]
    public async Task Consecutive_days_build_the_streak_and_a_missed_day_starts_again_at_day_one()
    {
        var (attendance, wallet) = await Player(recharge: 5_000);

        var day1 = await attendance.Claim();
        NextDay();
        var day2 = await attendance.Claim();
        NextDay();
        var day3 = await attendance.Claim();
        NextDay();
        NextDay();
        var afterGap = await attendance.Claim();

        Assert.Equal([1, 2, 3, 1], new[] { day1.Streak, day2.Streak, day3.Streak, afterGap.Streak });
        var bonuses = (await wallet.GetTransactions(1, 20)).Entries.Where(e => e.Type == LedgerEntryType.AttendanceBonus).Select(e => e.Amount.MinorUnits).Reverse();
        Assert.Equal([5_00L, 18_00, 100_00, 5_00], bonuses);
    }

    [Fact]
    public async Task A_claim_below_the_recharge_threshold_is_refused_and_pays_nothing()
    {
        var (attendance, wallet) = await Player(recharge: 199);

        var refused = await Assert.ThrowsAsync<GameServerException>(() => attendance.Claim());

        Assert.Equal(ErrorKind.Conflict, refused.Kind);
        Assert.Equal(Money.FromMajor(199), (await wallet.GetBalance()).Available);
        Assert.False((await attendance.GetStatus()).ClaimedToday);
    }

    [Fact]
    public async Task Twenty_concurrent_claims_pay_once()
    {
        var (attendance, wallet) = await Player(recharge: 1_000);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            try
            {
                await attendance.Claim();
                return true;
            }
            catch (GameServerException refused) when (refused.Kind == ErrorKind.Conflict)
            {
                return false;
            }
        }));

        Assert.Equal(1, outcomes.Count(paid => paid));
        Assert.Equal(Money.FromMajor(1_005), (await wallet.GetBalance()).Available);
        Assert.True((await attendance.GetStatus()).ClaimedToday);
    }

    [Fact]
    public async Task Days_four_to_seven_pay_their_bonuses_and_the_eighth_day_starts_again_at_day_one()
    {
        var (attendance, wallet) = await Player(recharge: 200_000);

        var streaks = new List<int>();
        for (var day = 1; day <= 8; day++)
        {
            streaks.Add((await attendance.Claim()).Streak);
            NextDay();
        }

        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 1], streaks);
        var bonuses = (await wallet.GetTransactions(1, 20)).Entries.Where(e => e.Type == LedgerEntryType.AttendanceBonus).Select(e => e.Amount.MinorUnits).Reverse();
        Assert.Equal([5_00L, 18_00, 100_00, 200_00, 400_00, 3_000_00, 7_000_00, 5_00], bonuses);
    }

    [Theory]
    [InlineData(4, 10_000, 200)]
    [InlineData(7, 200_000, 7_000)]
    public async Task A_day_pays_only_once_total_recharge_reaches_its_threshold(int day, long threshold, long bonus)
    {
        var (attendance, wallet) = await Player(recharge: threshold - 1);
        for (var earlier = 1; earlier < day; earlier++)
        {
            await attendance.Claim();
            NextDay();
        }

        var refused = await Assert.ThrowsAsync<GameServerException>(() => attendance.Claim());
        await wallet.CreditDeposit($"top-up-{Guid.NewGuid():N}", Money.FromMajor(1), "test");
        var claimed = await attendance.Claim();

        Assert.Equal(ErrorKind.Conflict, refused.Kind);
        Assert.Equal(day, claimed.Streak);
        Assert.Equal(Money.FromMajor(bonus), (await wallet.GetTransactions(1, 1)).Entries[0].Amount);
    }
}
