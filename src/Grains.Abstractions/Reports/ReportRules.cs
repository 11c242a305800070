namespace GameServer.Reports;

/// <summary>The rules of the daily business report (SPEC §7 "Reports"): which days a request covers, and what GGR means.</summary>
public static class ReportRules
{
    /// <summary>At most this many days per report: about a quarter, so that one request cannot scan the whole journal.</summary>
    public const int MaxDays = 93;

    /// <summary>The first day a report may cover (MariaDB's <c>DATETIME</c> starts in the year 1000).</summary>
    public static readonly DateOnly FirstDay = new(1000, 1, 1);

    /// <summary>The last day a report may cover: the day after it must still be a date.</summary>
    public static readonly DateOnly LastDay = DateOnly.MaxValue.AddDays(-1);

    /// <summary>
    /// Gross gaming revenue: stakes less payouts to winners less refunded stakes — what the house kept.
    /// A refunded stake counts as staked and given back, so it adds nothing; it is shown apart.
    /// </summary>
    public static Wallet.Money Ggr(Wallet.Money stakes, Wallet.Money payouts, Wallet.Money refunds) => stakes - payouts - refunds;

    /// <summary>
    /// The UTC days a report of <paramref name="from"/> to <paramref name="to"/> (inclusive) covers:
    /// <paramref name="to"/> defaults to <paramref name="today"/>, <paramref name="from"/> to the day
    /// before <paramref name="to"/>. A start after the end, more than <see cref="MaxDays"/> days, or a
    /// day outside <see cref="FirstDay"/>–<see cref="LastDay"/> is <see cref="ErrorKind.Invalid"/> (400).
    /// </summary>
    public static (DateOnly From, DateOnly To) DailyRange(DateOnly? from, DateOnly? to, DateOnly today)
    {
        var last = to ?? today;
        if (last < FirstDay || last > LastDay || from < FirstDay || from > LastDay)
        {
            throw GameServerException.Invalid($"from and to must be days from {Iso(FirstDay)} to {Iso(LastDay)}.");
        }

        var first = from ?? (last > FirstDay ? last.AddDays(-1) : last);
        if (first > last)
        {
            throw GameServerException.Invalid($"from ({Iso(first)}) must not be after to ({Iso(last)}).");
        }

        return last.DayNumber - first.DayNumber + 1 > MaxDays
            ? throw GameServerException.Invalid($"A report covers at most {MaxDays} days; {Iso(first)} to {Iso(last)} is {last.DayNumber - first.DayNumber + 1}.")
            : (first, last);
    }

    /// <summary>The instants the days <paramref name="from"/> to <paramref name="to"/> (inclusive) cover, as [start, end).</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) Bounds(DateOnly from, DateOnly to) =>
        (new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));

    /// <summary>The UTC day of an instant.</summary>
    public static DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.UtcDateTime);

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
