using Microsoft.Extensions.Options;

namespace GameServer.ApiFrontend.Realtime;

/// <summary>Renews, on a timer, this frontend's watch of the wallets of the players it holds (<see cref="BalanceWatches.RenewAsync"/>).</summary>
public sealed partial class BalanceWatchRenewal(BalanceWatches watches, IOptions<RealtimeOptions> options, ILogger<BalanceWatchRenewal> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.WatchRenewalInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await watches.RenewAsync(stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogRenewalFailed(logger, exception);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the watches expire on their own.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not renew the watches of held players' wallets; the next tick tries again")]
    private static partial void LogRenewalFailed(ILogger logger, Exception exception);
}
