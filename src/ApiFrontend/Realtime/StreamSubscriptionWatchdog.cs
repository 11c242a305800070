namespace GameServer.ApiFrontend.Realtime;

/// <summary>
/// The watchdog of a relay's stream subscriptions: checks (and mends) every one of them at once on start and
/// then every check interval until the frontend stops, and leaves them when it does, so that the silos stop
/// delivering to a frontend that is gone.
/// </summary>
internal static class StreamSubscriptionWatchdog
{
    /// <summary>
    /// The most a stop waits for the subscriptions to be left: a frontend whose silos are already gone would
    /// otherwise wait out the cluster client's response timeout.
    /// </summary>
    private static readonly TimeSpan UnsubscribeTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Keeps <paramref name="subscriptions"/> alive until <paramref name="stoppingToken"/> is cancelled, then
    /// unsubscribes them within five seconds. A check that fails (the cluster restarting or unreachable) is
    /// handed to <paramref name="checkFailed"/> and tried again on the next tick; nothing is thrown but the
    /// stop's cancellation.
    /// </summary>
    public static async Task KeepAsync<T>(
        IReadOnlyCollection<StreamSubscription<T>> subscriptions,
        TimeSpan checkInterval,
        Action<Exception> checkFailed,
        CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(checkInterval);
        try
        {
            do
            {
                try
                {
                    // A check whose call was lost with a silo waits out the client's response timeout (30 s):
                    // a stop does not wait for it.
                    await Task.WhenAll(subscriptions.Select(subscription => subscription.EnsureAsync())).WaitAsync(stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    // Only the stop ends the watch: a cancellation of the cluster's own is one more failed check.
                    checkFailed(exception);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.WhenAll(subscriptions.Select(subscription => subscription.UnsubscribeAsync())).WaitAsync(UnsubscribeTimeout, CancellationToken.None);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                checkFailed(exception);
            }
        }
    }
}
