using GameServer.Games;

namespace GameServer.Rules.Tests;

public sealed class ScheduleTests
{
    private static readonly DateTimeOffset Midnight = new(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void First_one_minute_wingo_of_the_day_has_the_spec_id()
    {
        var period = Schedule.PeriodAt(new GameKey(GameId.Wingo, 60), Midnight);

        Assert.Equal("20261127020001", period.PeriodId);
        Assert.Equal(Midnight, period.StartsAt);
        Assert.Equal(Midnight.AddSeconds(55), period.BettingClosesAt);
        Assert.Equal(Midnight.AddSeconds(60), period.EndsAt);
    }

    [Fact]
    public void Every_game_and_duration_has_its_code_and_tiles_the_day_exactly()
    {
        var codes = new List<int>();
        foreach (var key in GameCatalog.AllKeys())
        {
            var first = Schedule.PeriodAt(key, Midnight);
            var last = Schedule.PeriodAt(key, Midnight.AddDays(1).AddTicks(-1));
            codes.Add(key.Game.PeriodCode(key.DurationSeconds));

            Assert.EndsWith("0001", first.PeriodId, StringComparison.Ordinal);
            Assert.Equal(Schedule.PeriodsPerDay(key), long.Parse(last.PeriodId[10..], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(Midnight.AddDays(1), last.EndsAt);
            Assert.Equal(first, Schedule.Previous(Schedule.Next(first)));
        }

        Assert.Equal(Enumerable.Range(1, 16), codes);
    }

    [Fact]
    public void The_period_after_the_last_of_a_day_is_the_first_of_the_next()
    {
        var key = new GameKey(GameId.Trx, 600);
        var last = Schedule.PeriodAt(key, Midnight.AddSeconds(-1));

        var next = Schedule.Next(last);

        Assert.Equal("20261126160144", last.PeriodId);
        Assert.Equal("20261127160001", next.PeriodId);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(54.999, true)]
    [InlineData(55, false)]
    [InlineData(59.999, false)]
    public void Betting_closes_five_seconds_before_the_end(double secondsIntoPeriod, bool accepts)
    {
        var period = Schedule.PeriodAt(new GameKey(GameId.Wingo, 60), Midnight.AddMinutes(10));

        Assert.Equal(accepts, period.AcceptsBetsAt(period.StartsAt.AddSeconds(secondsIntoPeriod)));
    }

    [Fact]
    public void Period_ids_parse_back_and_foreign_ids_do_not()
    {
        var key = new GameKey(GameId.K3, 180);
        var period = Schedule.PeriodAt(key, Midnight.AddHours(13).AddSeconds(7));

        Assert.True(Schedule.TryParse(key, period.PeriodId, out var parsed));
        Assert.Equal(period, parsed);
        Assert.False(Schedule.TryParse(key, "20261127020001", out _));
        Assert.False(Schedule.TryParse(key, "20261127100481", out _));
        Assert.False(Schedule.TryParse(key, "2026112710000x", out _));
    }
}
