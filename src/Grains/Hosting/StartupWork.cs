using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GameServer.Grains.Hosting;

/// <summary>
/// Work a silo does once at start that must not keep it from starting. Right after the whole cluster
/// restarts, the membership table can still list the previous incarnations as active, and calls routed
/// to them are rejected until they are declared dead. The first attempt runs with the start; after a
/// failure the work is retried in the background, with a growing pause, for up to five minutes.
/// </summary>
internal static partial class StartupWork
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(15);

    public static ISiloBuilder AddBestEffortStartupTask(this ISiloBuilder silo, string name, Func<IServiceProvider, Task> work) =>
        silo.AddStartupTask(async (services, cancellation) =>
        {
            var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StartupWork).FullName!);
            try
            {
                await work(services);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                LogRetrying(logger, name, exception);
                _ = RetryAsync(name, () => work(services), logger);
            }
        });

    private static async Task RetryAsync(string name, Func<Task> work, ILogger logger)
    {
        var pause = TimeSpan.FromSeconds(1);
        var giveUpAt = DateTime.UtcNow + GiveUpAfter;
        while (true)
        {
            await Task.Delay(pause);
            try
            {
                await work();
                LogDone(logger, name);
                return;
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                if (DateTime.UtcNow >= giveUpAt)
                {
                    LogGaveUp(logger, name, exception);
                    return;
                }

                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestPause.Ticks));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Starting {Work} failed; the silo starts anyway and retries in the background")]
    private static partial void LogRetrying(ILogger logger, string work, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Started {Work} on a retry")]
    private static partial void LogDone(ILogger logger, string work);

    [LoggerMessage(Level = LogLevel.Error, Message = "Gave up starting {Work}; it starts with the next silo or the next call")]
    private static partial void LogGaveUp(ILogger logger, string work, Exception exception);
}
