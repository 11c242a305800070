using GameServer.Grains.Journal;
using GameServer.Reports;
using Orleans.Concurrency;

namespace GameServer.Grains.Reports;

/// <summary>
/// Reads the business reports where the journal is (the frontends have no store), from the read replica
/// when one is configured and current (<see cref="IHistoryReads"/>). Holds no state; one
/// activation per silo, as the audit, so that reports asked for at once queue instead of scanning
/// the journal side by side.
/// </summary>
[StatelessWorker(1)]
public sealed class BusinessReportGrain(IHistoryReads reports, GameClock clock) : Grain, IBusinessReportGrain
{
    public async Task<DailyReport> Daily(DateOnly? from, DateOnly? to)
    {
        var (first, last) = ReportRules.DailyRange(from, to, ReportRules.DayOf(clock.GetUtcNow()));
        return new DailyReport(first, last, await reports.ReadDailyReportAsync(first, last));
    }
}
