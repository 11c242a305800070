using GameServer.Reports;

namespace GameServer.Grains.Journal;

/// <summary>The journal's aggregates for the staff's business reports (SPEC §7 "Reports").</summary>
public interface IBusinessReports
{
    /// <summary>
    /// One <see cref="ReportDay"/> for every UTC day <paramref name="from"/> to <paramref name="to"/>
    /// (inclusive, at most a few months: see <see cref="ReportRules.DailyRange"/>), oldest first: each
    /// ledger entry type's movement by the day of its entries' <c>created_at</c>, every type present; and
    /// per game-duration, the bets placed that day and the outcomes recorded that day. The store
    /// aggregates (on MySQL, index-only range scans: migration 0013), it never hands back the rows.
    /// </summary>
    Task<IReadOnlyList<ReportDay>> ReadDailyReportAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default);
}
