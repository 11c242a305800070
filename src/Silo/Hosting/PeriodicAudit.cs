using System.ComponentModel.DataAnnotations;
using GameServer.Wallet;
using Microsoft.Extensions.Options;

namespace GameServer.Silo.Hosting;

/// <summary>The <c>Audit</c> section: whether and how often a silo audits the ledger by itself.</summary>
public sealed class PeriodicAuditOptions
{
    public const string Section = "Audit";

    /// <summary>
    /// Minutes between two audits of the whole journal by this silo; 0 (the default) runs none. An audit
    /// reads every ledger entry, so on a large journal take tens of minutes, not seconds.
    /// </summary>
    [Range(0, 7 * 24 * 60)]
    public int IntervalMinutes { get; set; }
}

/// <summary>
/// Runs the ledger audit every <see cref="PeriodicAuditOptions.IntervalMinutes"/> so that
/// <c>gameserver_audit_violations</c> and <c>gameserver_audit_last_run_seconds</c> stay fresh for the
/// alerts without an admin pressing the button. A failed audit is logged and tried at the next interval.
/// </summary>
public sealed partial class PeriodicAudit(IGrainFactory grains, IOptions<PeriodicAuditOptions> options, ILogger<PeriodicAudit> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.IntervalMinutes <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(options.Value.IntervalMinutes));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var report = await grains.GetGrain<ILedgerAuditGrain>(0).Audit();
                if (!report.Conserved)
                {
                    LogViolations(logger, report.Violations.Count, report.Violations);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailed(logger, exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "The ledger audit found {Count} violations: {Violations}")]
    private static partial void LogViolations(ILogger logger, int count, IReadOnlyList<string> violations);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The periodic ledger audit failed; trying again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
