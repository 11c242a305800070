using GameServer.Wallet;
using Microsoft.Extensions.Options;

namespace GameServer.ApiFrontend.Realtime;

/// <summary>
/// This frontend's watch of the wallets of the players it holds (<see cref="IWalletGrain.Watch"/>):
/// one grain-observer reference for the whole frontend, a watch on every new connection, renewal of
/// them all on a timer (<see cref="BalanceWatchRenewal"/>), and the changes handed to the
/// <see cref="PlayerEventRelay"/>. A watch lapses on its own when its player leaves; the reference is
/// deleted when the frontend stops.
/// </summary>
public sealed partial class BalanceWatches : IBalanceObserver, IDisposable
{
    /// <summary>Wallets watched at once when the watches are renewed.</summary>
    private const int WatchesPerBatch = 256;

    private readonly IClusterClient cluster;
    private readonly PlayerEventRelay players;
    private readonly RealtimeOptions options;
    private readonly ILogger<BalanceWatches> logger;
    private readonly Lazy<IBalanceObserver> reference;
    private int leaseWarned;

    public BalanceWatches(IClusterClient cluster, PlayerEventRelay players, IOptions<RealtimeOptions> options, ILogger<BalanceWatches> logger)
    {
        this.cluster = cluster;
        this.players = players;
        this.options = options.Value;
        this.logger = logger;
        reference = new Lazy<IBalanceObserver>(() => cluster.CreateObjectReference<IBalanceObserver>(this), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public Task BalanceChanged(long userId, Balance balance, LedgerEntryType cause)
    {
        players.BalanceChanged(userId, balance, cause);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Watches the player's wallet, for at most <see cref="RealtimeOptions.WatchOnConnectTimeout"/>: a
    /// connection does not wait out a silo failover for it; the watch goes on, and the renewal mends it.
    /// </summary>
    public async Task WatchOnConnectAsync(long userId)
    {
        try
        {
            await WatchAsync(userId).WaitAsync(options.WatchOnConnectTimeout);
        }
        catch (TimeoutException)
        {
            LogWatchSlow(logger, userId);
        }
    }

    /// <summary>Renews the watch of every held player's wallet; players who left are simply not renewed.</summary>
    public async Task RenewAsync(CancellationToken cancellationToken)
    {
        foreach (var batch in players.HeldPlayers.Chunk(WatchesPerBatch))
        {
            cancellationToken.ThrowIfCancellationRequested();
            // A watch whose call was lost with a silo waits out the client's response timeout: a stop does not wait for it.
            await Task.WhenAll(batch.Select(WatchAsync)).WaitAsync(cancellationToken);
        }
    }

    private async Task WatchAsync(long userId)
    {
        try
        {
            var lease = await cluster.GetGrain<IWalletGrain>(userId).Watch(reference.Value);
            if (lease <= options.WatchRenewalInterval && Interlocked.Exchange(ref leaseWarned, 1) == 0)
            {
                LogLeaseTooShort(logger, lease, options.WatchRenewalInterval);
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The next renewal tries again; until then the player's balance events come from settlements only.
            LogWatchFailed(logger, userId, exception);
        }
    }

    public void Dispose()
    {
        if (reference.IsValueCreated)
        {
            cluster.DeleteObjectReference<IBalanceObserver>(reference.Value);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not watch the wallet of player {UserId}; the next renewal tries again")]
    private static partial void LogWatchFailed(ILogger logger, long userId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watching the wallet of player {UserId} is slow; the connection goes on without waiting for it")]
    private static partial void LogWatchSlow(ILogger logger, long userId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Wallets lease a watch for {Lease} but watches are renewed every {Interval} (Realtime:WatchRenewalInterval): balance events will stop between renewals")]
    private static partial void LogLeaseTooShort(ILogger logger, TimeSpan lease, TimeSpan interval);
}
