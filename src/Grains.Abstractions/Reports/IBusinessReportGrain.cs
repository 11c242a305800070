namespace GameServer.Reports;

/// <summary>The staff's business reports over the journal (SPEC §7 "Reports"). Stateless; key 0.</summary>
public interface IBusinessReportGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// The daily report of the UTC days <paramref name="from"/> to <paramref name="to"/> (inclusive; by
    /// default yesterday and today by the game clock), resolved by <see cref="ReportRules.DailyRange"/>:
    /// a bad range is <see cref="ErrorKind.Invalid"/>.
    /// </summary>
    Task<DailyReport> Daily(DateOnly? from, DateOnly? to);
}
