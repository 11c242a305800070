using GameServer.Grains.Journal;
using GameServer.Wallet;
using Orleans.Concurrency;

namespace GameServer.Grains.Wallet;

[StatelessWorker(1)]
public sealed class LedgerAuditGrain(ILedgerAudit audit, GameClock clock) : Grain, ILedgerAuditGrain
{
    /// <summary>Audits the whole journal; whoever asked (an admin, the periodic audit), the outcome goes to the silo's metrics for the audit alert.</summary>
    public async Task<AuditReport> Audit()
    {
        var auditor = new LedgerAuditor();
        await audit.AuditAsync(auditor);
        var report = auditor.Report(clock.GetUtcNow());
        GameServerMetrics.RecordAudit(report.Violations.Count, report.CheckedAt);
        return report;
    }
}
