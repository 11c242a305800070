using System.Globalization;

namespace GameServer.Games;

/// <summary>One period of a game: its id and when betting closes and the period ends.</summary>
[GenerateSerializer, Immutable]
public sealed record Period(
    [property: Id(0)] GameKey Game,
    [property: Id(1)] string PeriodId,
    [property: Id(2)] DateTimeOffset StartsAt,
    [property: Id(3)] DateTimeOffset BettingClosesAt,
    [property: Id(4)] DateTimeOffset EndsAt)
{
    public bool AcceptsBetsAt(DateTimeOffset instant) => instant >= StartsAt && instant < BettingClosesAt;
}

/// <summary>
/// The schedule is a pure function of UTC time (SPEC §2): period k (1-based) of a UTC day spans
/// [midnight + (k−1)·d, midnight + k·d); its id is yyyyMMdd + 2-digit code + 4-digit k; betting
/// closes 5 s before the end. Every silo and frontend computes it alike.
/// </summary>
public static class Schedule
{
    public static readonly TimeSpan BettingClosesBeforeEnd = TimeSpan.FromSeconds(5);

    public static Period PeriodAt(GameKey game, DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        var midnight = new DateTimeOffset(utc.Date, TimeSpan.Zero);
        var index = (long)((utc - midnight).Ticks / game.Duration.Ticks) + 1;
        return Build(game, midnight, index);
    }

    public static Period Next(Period period) => PeriodAt(period.Game, period.EndsAt);

    public static Period Previous(Period period) => PeriodAt(period.Game, period.StartsAt - TimeSpan.FromTicks(1));

    public static bool TryParse(GameKey game, string? periodId, out Period period)
    {
        period = null!;
        if (periodId is not { Length: 14 } || !periodId.All(char.IsAsciiDigit)
            || !DateTime.TryParseExact(periodId[..8], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var day)
            || int.Parse(periodId.AsSpan(8, 2), CultureInfo.InvariantCulture) != game.Game.PeriodCode(game.DurationSeconds))
        {
            return false;
        }

        var index = long.Parse(periodId.AsSpan(10, 4), CultureInfo.InvariantCulture);
        if (index < 1 || index > PeriodsPerDay(game))
        {
            return false;
        }

        period = Build(game, new DateTimeOffset(day, TimeSpan.Zero), index);
        return true;
    }

    public static long PeriodsPerDay(GameKey game) => TimeSpan.FromDays(1).Ticks / game.Duration.Ticks;

    /// <summary>The period's number within its UTC day, 1 to <see cref="PeriodsPerDay"/> (the id's last four digits).</summary>
    public static long IndexOf(Period period) => long.Parse(period.PeriodId.AsSpan(10, 4), CultureInfo.InvariantCulture);

    /// <summary>The UTC day a period belongs to.</summary>
    public static DateOnly DayOf(Period period) => DateOnly.FromDateTime(period.StartsAt.UtcDateTime);

    /// <summary>Period <paramref name="index"/> (1-based) of a game's UTC day.</summary>
    public static Period PeriodOfDay(GameKey game, DateOnly day, long index) =>
        index >= 1 && index <= PeriodsPerDay(game)
            ? Build(game, new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), index)
            : throw new ArgumentOutOfRangeException(nameof(index));

    private static Period Build(GameKey game, DateTimeOffset midnight, long index)
    {
        var starts = midnight + (game.Duration * (index - 1));
        var ends = starts + game.Duration;
        var id = string.Create(CultureInfo.InvariantCulture, $"{midnight:yyyyMMdd}{game.Game.PeriodCode(game.DurationSeconds):D2}{index:D4}");
        return new Period(game, id, starts, ends - BettingClosesBeforeEnd, ends);
    }
}
