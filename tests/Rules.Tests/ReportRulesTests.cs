using GameServer.Reports;
using GameServer.Wallet;

namespace GameServer.Rules.Tests;

public sealed class ReportRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 30);

    [Theory]
    [InlineData(null, null, "2026-11-29", "2026-11-30")]
    [InlineData("2026-11-01", null, "2026-11-01", "2026-11-30")]
    [InlineData(null, "2026-10-01", "2026-09-30", "2026-10-01")]
    [InlineData("2026-11-30", "2026-11-30", "2026-11-30", "2026-11-30")]
    [InlineData("2026-12-01", "2026-12-31", "2026-12-01", "2026-12-31")]
    [InlineData("2026-08-30", "2026-11-30", "2026-08-30", "2026-11-30")]
    [InlineData(null, "1000-01-01", "1000-01-01", "1000-01-01")]
    public void A_range_defaults_to_yesterday_and_today_and_keeps_the_days_it_names(string? from, string? to, string first, string last)
    {
        Assert.Equal((Day(first), Day(last)), ReportRules.DailyRange(Maybe(from), Maybe(to), Today));
    }

    [Theory]
    [InlineData("2026-11-30", "2026-11-29", "must not be after")]
    [InlineData("2026-12-01", null, "must not be after")]
    [InlineData("2026-08-29", "2026-11-30", "at most 93 days")]
    [InlineData("2026-08-01", null, "at most 93 days")]
    [InlineData("0999-12-31", "1000-01-01", "from 1000-01-01")]
    [InlineData(null, "9999-12-31", "to 9999-12-30")]
    public void A_start_after_the_end_more_than_93_days_or_a_day_out_of_range_is_invalid(string? from, string? to, string problem)
    {
        var refused = Assert.Throws<GameServerException>(() => ReportRules.DailyRange(Maybe(from), Maybe(to), Today));

        Assert.Equal(ErrorKind.Invalid, refused.Kind);
        Assert.Contains(problem, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ggr_is_stakes_less_payouts_less_refunds()
    {
        Assert.Equal(new Money(150), ReportRules.Ggr(new Money(1_000), new Money(800), new Money(50)));
        Assert.Equal(new Money(-300), ReportRules.Ggr(Money.Zero, Money.Zero, new Money(300)));
    }

    [Fact]
    public void A_days_bounds_run_from_its_midnight_to_the_next_and_an_instant_falls_on_its_utc_day()
    {
        var (start, end) = ReportRules.Bounds(new DateOnly(2026, 11, 29), new DateOnly(2026, 11, 30));

        Assert.Equal((DateTimeOffset.Parse("2026-11-29T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
            DateTimeOffset.Parse("2026-12-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture)), (start, end));
        Assert.Equal(new DateOnly(2026, 11, 30), ReportRules.DayOf(end.AddTicks(-1)));
        Assert.Equal(new DateOnly(2026, 11, 29), ReportRules.DayOf(new DateTimeOffset(2026, 11, 30, 1, 0, 0, TimeSpan.FromHours(2))));
    }

    private static DateOnly Day(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static DateOnly? Maybe(string? text) => text is null ? null : Day(text);
}
