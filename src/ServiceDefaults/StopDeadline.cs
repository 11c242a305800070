using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GameServer.Hosting;

/// <summary>
/// The promise of <c>Shutdown:Timeout</c> kept even when a stop step ignores it: a process still running
/// <see cref="StopDeadlineExtensions.Grace"/> after its timeout ends itself at once (SIGKILL, exit status 137),
/// as an orchestrator would after its grace period. Orleans' leaving the membership does ignore it while the
/// database cannot be reached: it waits a minute for each of its lifecycle stages (a silo measured 120–150 s
/// after SIGTERM with MariaDB down). Nothing acknowledged is lost by it: money is in the journal before a
/// call returns (docs/OPERATIONS.md "Shutdown and rolling restarts").
/// </summary>
public static partial class StopDeadlineExtensions
{
    /// <summary>Past <c>Shutdown:Timeout</c>, what the steps that honour it need to finish (the host's own disposal, log flushing).</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Ends this process <see cref="Grace"/> after <c>Shutdown:Timeout</c> (30 s in Production, 5 s in Development)
    /// if its stop has not ended it. Only for the silo's and the frontend's own processes (their <c>Program.cs</c>):
    /// a host inside a test process must never end the process it shares.
    /// </summary>
    public static IHostApplicationBuilder AddStopDeadline(this IHostApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(ShutdownOptions.Section).Get<ShutdownOptions>() ?? new();
        if (!settings.EndProcessWhenOverdue)
        {
            return builder;
        }

        var timeout = settings.TimeoutFor(builder.Configuration.GetHostingProfile());
        builder.Services.AddHostedService(services => new Deadline(timeout + Grace, services.GetRequiredService<IHostApplicationLifetime>(), services.GetRequiredService<ILogger<Deadline>>()));
        return builder;
    }

    /// <summary>
    /// Starts the countdown when the stop starts (<see cref="IHostApplicationLifetime.ApplicationStopping"/>) and
    /// calls it off when the host has stopped (<see cref="IHostApplicationLifetime.ApplicationStopped"/>): what
    /// happens in the process after that is not the stop's.
    /// </summary>
    internal sealed partial class Deadline(TimeSpan after, IHostApplicationLifetime lifetime, ILogger<Deadline> logger) : IHostedService, IDisposable
    {
        private readonly Lock gate = new();
        private CancellationTokenRegistration stopping;
        private CancellationTokenRegistration stopped;
        private Timer? countdown;
        private bool calledOff;

        public Task StartAsync(CancellationToken cancellationToken)
        {
            stopping = lifetime.ApplicationStopping.Register(Begin);
            stopped = lifetime.ApplicationStopped.Register(CallOff);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        // Leaves the countdown to CallOff: only a stop that has ended (ApplicationStopped) may end it.
        public void Dispose()
        {
            stopping.Dispose();
            stopped.Dispose();
        }

        private void Begin()
        {
            lock (gate)
            {
                if (!calledOff)
                {
                    countdown = new Timer(_ => Expire(), null, after, Timeout.InfiniteTimeSpan);
                }
            }
        }

        private void CallOff()
        {
            lock (gate)
            {
                calledOff = true;
                countdown?.Dispose();
            }
        }

        private void Expire()
        {
            lock (gate)
            {
                if (calledOff)
                {
                    return;
                }
            }

            LogOverdue(logger, after);
            // The console logger writes from a queue of its own: give the line a moment to get out.
            Thread.Sleep(TimeSpan.FromMilliseconds(500));
            // Not Environment.Exit: the host's console lifetime would wait for the very stop that is stuck.
            Process.GetCurrentProcess().Kill();
        }

        [LoggerMessage(Level = LogLevel.Critical, Message = "The stop has not ended {After} after it began (Shutdown:Timeout plus grace): ending the process now")]
        private static partial void LogOverdue(ILogger logger, TimeSpan after);
    }
}
