using GameServer.Hosting;

namespace GameServer.ApiFrontend.Hosting;

/// <summary>
/// How a frontend leaves when told to stop (SIGTERM, Ctrl-C), within <c>Shutdown:Timeout</c>:
/// <list type="number">
/// <item>at once, <c>/health/ready</c> answers 503 (a load balancer stops sending here), SignalR closes every hub
/// connection (clients reconnect — through the balancer, to another frontend) and new hub connections are refused
/// with 503 and Retry-After;</item>
/// <item>for <c>Shutdown:DrainDelay</c> it goes on serving HTTP, as requests still arrive until the balancer notices;</item>
/// <item>Kestrel stops accepting connections and lets the requests in flight finish;</item>
/// <item>the stream relays leave their subscriptions and the Orleans client disconnects; the process exits.</item>
/// </list>
/// </summary>
public static partial class ConnectionDrainingExtensions
{
    /// <summary>A client refused while this frontend stops should try again soon: through the balancer it reaches another one.</summary>
    private const string RetryRefusedConnectionAfterSeconds = "1";

    /// <summary>The stop described above: <see cref="GracefulShutdownExtensions.AddGracefulShutdown"/> and the drain delay.</summary>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">A setting is out of its range, or the drain does not fit in the timeout.</exception>
    public static WebApplicationBuilder AddConnectionDraining(this WebApplicationBuilder builder)
    {
        builder.AddGracefulShutdown();
        var profile = builder.Configuration.GetHostingProfile();
        var settings = builder.Configuration.GetSection(ShutdownOptions.Section).Get<ShutdownOptions>() ?? new();
        var (delay, timeout) = (settings.DrainDelayFor(profile), settings.TimeoutFor(profile));
        if (delay >= timeout)
        {
            // Checked here, not for silos: they have no drain, and a silo's short timeout is no error.
            throw new Microsoft.Extensions.Options.OptionsValidationException(ShutdownOptions.Section, typeof(ShutdownOptions),
                [$"{ShutdownOptions.Section}:{nameof(ShutdownOptions.DrainDelay)} ({delay}) must be shorter than {ShutdownOptions.Section}:{nameof(ShutdownOptions.Timeout)} ({timeout}): the drain is part of the stop."]);
        }

        builder.Services.AddHostedService(services => new DrainDelay(delay, services.GetRequiredService<IHostApplicationLifetime>(), services.GetRequiredService<ILogger<DrainDelay>>()));
        return builder;
    }

    /// <summary>
    /// Refuses a new hub connection (503, Retry-After) once the frontend is stopping: SignalR has just closed the
    /// others, and one opened now would be cut again within seconds, or hold the stop up until its timeout.
    /// </summary>
    public static IApplicationBuilder RefuseHubConnectionsWhileStopping(this IApplicationBuilder hub)
    {
        var stopping = hub.ApplicationServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        return hub.Use(async (context, next) =>
        {
            if (!stopping.IsCancellationRequested)
            {
                await next(context);
                return;
            }

            context.Response.Headers.RetryAfter = RetryRefusedConnectionAfterSeconds;
            await Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "This server is stopping.",
                detail: "Connect again: another server takes the connection.").ExecuteAsync(context);
        });
    }

    /// <summary>
    /// Holds the stop before Kestrel closes its listeners: readiness is already unhealthy and the hubs closed, and
    /// requests are still served while the load balancer takes this frontend out. Registered as a lifecycle
    /// service because its <see cref="StoppingAsync"/> runs before any service stops.
    /// </summary>
    internal sealed partial class DrainDelay(TimeSpan delay, IHostApplicationLifetime lifetime, ILogger<DrainDelay> logger) : IHostedLifecycleService
    {
        public async Task StoppingAsync(CancellationToken cancellationToken)
        {
            if (delay <= TimeSpan.Zero)
            {
                return;
            }

            // A signal (SIGTERM, Ctrl-C) has signalled the stop already; a stop asked for in code (the host's
            // StopAsync) signals it only after this: the drain needs readiness off and the hubs closed first.
            lifetime.StopApplication();
            LogDraining(logger, delay);
            // The shutdown timeout's token ends the wait early: the drain is part of the stop, never longer.
            await Task.Delay(delay, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: not ready, hub connections closed; serving requests for {Delay} more while the load balancer takes this frontend out")]
        private static partial void LogDraining(ILogger logger, TimeSpan delay);
    }
}
