using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace GameServer.Hosting;

/// <summary>
/// The <c>Shutdown</c> section: how a process leaves when it is told to stop (SIGTERM from an orchestrator or
/// scripts/cluster-rolling-restart.sh, Ctrl-C). Unset values take their profile's default.
/// </summary>
public sealed class ShutdownOptions
{
    public const string Section = "Shutdown";

    /// <summary>Production: long enough for a silo's grains to deactivate and a frontend's requests to finish under load.</summary>
    public static readonly TimeSpan ProductionTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Development: state is in memory and lost anyway; nobody should wait for it.</summary>
    public static readonly TimeSpan DevelopmentTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Production frontends: a load balancer that probes readiness every 2 s takes two failed probes and a little more to stop sending.</summary>
    public static readonly TimeSpan ProductionDrainDelay = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The most the whole stop may take (the host's <c>HostOptions.ShutdownTimeout</c>): a silo's grains
    /// deactivating and its leaving the membership, a frontend's drain, in-flight requests, the cluster client.
    /// Whatever has not finished by then is abandoned and the process exits. 30 s in Production, 5 s in Development.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan? Timeout { get; set; }

    /// <summary>
    /// Frontends: how long a stopping frontend keeps serving HTTP after its readiness turned unhealthy and its hub
    /// connections were closed, before it stops accepting connections — the time a load balancer needs to stop
    /// sending it requests. Part of <see cref="Timeout"/>. 5 s in Production, none in Development.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan? DrainDelay { get; set; }

    /// <summary>
    /// Whether a process still stopping 10 s after <see cref="Timeout"/> ends itself (<c>AddStopDeadline</c>).
    /// On by default; off only for a host that shares its process with others, as the tests' in-process
    /// frontends do, whose process must outlive them.
    /// </summary>
    public bool EndProcessWhenOverdue { get; set; } = true;

    /// <summary><see cref="Timeout"/>, or the profile's default.</summary>
    public TimeSpan TimeoutFor(HostingProfile profile) => Timeout ?? (profile == HostingProfile.Production ? ProductionTimeout : DevelopmentTimeout);

    /// <summary><see cref="DrainDelay"/>, or the profile's default.</summary>
    public TimeSpan DrainDelayFor(HostingProfile profile) => DrainDelay ?? (profile == HostingProfile.Production ? ProductionDrainDelay : TimeSpan.Zero);
}

public static class GracefulShutdownExtensions
{
    /// <summary>
    /// A stop within <see cref="ShutdownOptions.Timeout"/> (the host's shutdown timeout), and readiness
    /// (<c>/health/ready</c>) that turns unhealthy the moment the process is told to stop, before anything else
    /// happens, so that a load balancer or a rolling restart stops sending it work. What leaving means is the
    /// process's own: a silo's grains deactivate and it leaves the membership (Orleans does that on stop), a
    /// frontend drains its connections (<c>AddConnectionDraining</c>).
    /// </summary>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">A setting is out of its range.</exception>
    public static IHostApplicationBuilder AddGracefulShutdown(this IHostApplicationBuilder builder)
    {
        var profile = builder.Configuration.GetHostingProfile();
        var timeout = builder.AddGameOptions<ShutdownOptions>(ShutdownOptions.Section).TimeoutFor(profile);
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = timeout);
        builder.Services.AddHealthChecks().AddCheck<StoppingCheck>("stopping", tags: [ServiceDefaultsExtensions.ReadyTag]);
        return builder;
    }

    /// <summary>Unhealthy from the moment the process is told to stop: it is leaving, so nothing new should be sent to it.</summary>
    private sealed class StoppingCheck(IHostApplicationLifetime lifetime) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(lifetime.ApplicationStopping.IsCancellationRequested
                ? HealthCheckResult.Unhealthy("Stopping: draining and leaving the cluster.")
                : HealthCheckResult.Healthy());
    }
}
