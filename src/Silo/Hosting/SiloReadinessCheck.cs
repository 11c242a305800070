using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace GameServer.Silo.Hosting;

/// <summary>Ready once this silo has joined the cluster and takes grain calls.</summary>
internal sealed class SiloReadinessCheck(IGrainFactory grains) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true, cancellationToken).WaitAsync(TimeSpan.FromSeconds(3), cancellationToken);
            return HealthCheckResult.Healthy($"{hosts.Count} active silo(s)");
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The silo does not answer grain calls yet.", exception);
        }
    }
}
