namespace GameServer.Grains.Wallet;

/// <summary>The days a once-a-day payment (commission, rebate) still owes, for a job that may have slept through some.</summary>
internal static class DailyPayouts
{
    /// <summary>
    /// Every UTC day after <paramref name="lastPaid"/> up to and including the day before <paramref name="now"/>'s,
    /// in order; with nothing paid yet, only yesterday (a new deployment does not pay for its past).
    /// </summary>
    public static IEnumerable<DateOnly> DueDays(DateOnly? lastPaid, DateTimeOffset now)
    {
        var yesterday = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-1);
        for (var day = lastPaid?.AddDays(1) ?? yesterday; day <= yesterday; day = day.AddDays(1))
        {
            yield return day;
        }
    }

    /// <summary>The UTC day <paramref name="day"/> as the instant it starts.</summary>
    public static DateTimeOffset Start(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
