using GameServer.Games;
using GameServer.Referral;
using GameServer.Testing;
using GameServer.Wallet;

namespace GameServer.Grains.Tests;

/// <summary>The game clock of every silo is the machine's own: nothing moves it but time.</summary>
public sealed class RealClockFixture : GameClusterFixture
{
    protected override TimeProvider GameTimeOf(string siloName) => TimeProvider.System;
}

/// <summary>
/// Betting, settlement, the per-period limit and attendance against the real clock, where the wait is
/// short (one 30-second period at most): the fake clocks of the other tests could hide a rule that
/// only holds while time stands still.
/// </summary>
public sealed class RealClockTests(RealClockFixture fixture) : IClassFixture<RealClockFixture>
{
    private static readonly GameKey Wingo30 = new(GameId.Wingo, 30);

    [Fact]
    public async Task Bets_up_to_the_limit_are_staked_the_next_is_refused_and_the_period_settles_on_time()
    {
        var period = await WindowOfAtLeast(TimeSpan.FromSeconds(12));
        var wallet = fixture.Client.GetGrain<IWalletGrain>(GameDriver.NewPlayerId());
        await wallet.CreditDeposit($"real-{Guid.NewGuid():N}", Money.FromMajor(100), "test");

        var receipts = new List<BetReceipt>();
        for (var bet = 0; bet < 50; bet++)
        {
            var size = bet % 2 == 0 ? "big" : "small";
            receipts.Add(await wallet.PlaceBet(new BetRequest($"real-{bet}-{Guid.NewGuid():N}", Wingo30, null, GameDriver.Bet(GameId.Wingo, "size", size), Money.FromMajor(1))));
        }

        var refused = await Assert.ThrowsAsync<GameServerException>(() =>
            wallet.PlaceBet(new BetRequest($"real-51-{Guid.NewGuid():N}", Wingo30, null, GameDriver.Bet(GameId.Wingo, "size", "big"), Money.FromMajor(1))));
        Assert.Equal(ErrorKind.Conflict, refused.Kind);
        Assert.Contains("50 bets", refused.Message, StringComparison.Ordinal);
        Assert.All(receipts, receipt => Assert.Equal(period.PeriodId, receipt.PeriodId));

        // Nobody moves the clock: the game's own timer draws and settles at the period's end.
        var deadline = DateTimeOffset.UtcNow + (period.EndsAt - DateTimeOffset.UtcNow) + TimeSpan.FromSeconds(15);
        IReadOnlyList<SettledBet> settled;
        do
        {
            await Task.Delay(250);
            settled = await fixture.Ledger.ReadPeriodBetsAsync(Wingo30, period.PeriodId);
        }
        while (settled.Any(bet => bet.Outcome is null) && DateTimeOffset.UtcNow < deadline);

        Assert.Equal(50, settled.Count);
        Assert.All(settled, bet => Assert.NotNull(bet.Outcome));
        Assert.Equal(25, settled.Count(bet => bet.Outcome!.Kind == BetOutcomeKind.Won));
        Assert.Equal(Money.FromMajor(50) + new Money(25 * 1_96), (await wallet.GetBalance()).Available);
    }

    [Fact]
    public async Task Attendance_pays_once_on_the_real_day()
    {
        // Not across midnight: the two claims must fall on one UTC day.
        var untilMidnight = DateTimeOffset.UtcNow.Date.AddDays(1) - DateTimeOffset.UtcNow.UtcDateTime;
        if (untilMidnight < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(untilMidnight + TimeSpan.FromSeconds(1));
        }

        var wallet = fixture.Client.GetGrain<IWalletGrain>(GameDriver.NewPlayerId());
        await wallet.CreditDeposit($"real-{Guid.NewGuid():N}", Money.FromMajor(200), "test");
        var attendance = fixture.Client.GetGrain<IAttendanceGrain>(wallet.GetPrimaryKeyLong());

        var claimed = await attendance.Claim();
        var again = await Assert.ThrowsAsync<GameServerException>(() => attendance.Claim());

        Assert.Equal((1, true), (claimed.Streak, claimed.ClaimedToday));
        Assert.Equal(ErrorKind.Conflict, again.Kind);
        Assert.Equal(Money.FromMajor(205), (await wallet.GetBalance()).Available);
    }

    /// <summary>The open period of Wingo 30 s, once at least <paramref name="needed"/> of its betting window is left.</summary>
    private static async Task<Period> WindowOfAtLeast(TimeSpan needed)
    {
        var period = Schedule.PeriodAt(Wingo30, DateTimeOffset.UtcNow);
        if (period.BettingClosesAt - DateTimeOffset.UtcNow < needed)
        {
            await Task.Delay(period.EndsAt - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(300));
            period = Schedule.PeriodAt(Wingo30, DateTimeOffset.UtcNow);
        }

        return period;
    }
}
