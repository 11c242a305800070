using GameServer.Grains.Journal;
using GameServer.Wallet;
using Orleans.Concurrency;

namespace GameServer.Grains.Wallet;

[StatelessWorker(1)]
public sealed class LedgerAuditGrain(ILedgerAudit audit, GameClock clock) : Grain, ILedgerAuditGrain
{
    public async Task<AuditReport> Audit()
    {
        var auditor = new LedgerAuditor();
        await audit.AuditAsync(auditor);
        return auditor.Report(clock.GetUtcNow());
    }
}
