using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace GameServer.Hosting;

/// <summary>
/// Ready when the silo cluster answers a grain call from here and reports an active silo: on a silo,
/// once it has joined and takes calls; on a frontend, through its gateway connection.
/// </summary>
internal sealed class ClusterReadinessCheck(IGrainFactory grains) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true, cancellationToken).WaitAsync(Timeout, cancellationToken);
            return hosts.Count > 0
                ? HealthCheckResult.Healthy($"{hosts.Count} active silo(s)")
                : HealthCheckResult.Unhealthy("The cluster reports no active silo.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The silo cluster does not answer.", exception);
        }
    }
}
