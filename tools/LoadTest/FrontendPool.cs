namespace GameServer.LoadTest;

/// <summary>
/// The run's load balancer over the frontends it was given: each user has a frontend of its own, and is
/// sent to the next one while its own is out — as a load balancer does, which takes an instance out when
/// its <c>/health/ready</c> fails twice running (a frontend turns it off first thing when it is told to stop)
/// or it refuses a connection, and back in when readiness answers again. With <c>watch</c> off (presets that
/// expect no restarts) every user keeps to its own frontend, as before.
/// </summary>
public sealed class FrontendPool : IAsyncDisposable
{
    private static readonly TimeSpan CheckEvery = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);
    private const int FailuresToTakeOut = 2;

    private readonly IReadOnlyList<HttpClient> clients;
    private readonly bool[] outOfService;
    private readonly CancellationTokenSource stop = new();
    private readonly Task watching;

    public FrontendPool(IReadOnlyList<HttpClient> clients, bool watch)
    {
        this.clients = clients;
        outOfService = new bool[clients.Count];
        watching = watch ? WatchAsync() : Task.CompletedTask;
    }

    /// <summary>The frontend for a user whose own is number <paramref name="home"/> (any number: taken modulo the count).</summary>
    public int Route(int home)
    {
        for (var next = 0; next < clients.Count; next++)
        {
            var candidate = (home + next) % clients.Count;
            if (!Volatile.Read(ref outOfService[candidate]))
            {
                return candidate;
            }
        }

        return home % clients.Count; // all out: try its own anyway
    }

    /// <summary>The client of <see cref="Route"/>'s frontend.</summary>
    public HttpClient ClientFor(int home) => clients[Route(home)];

    /// <summary>A connection to <paramref name="frontend"/> was refused: out of service until its readiness answers again.</summary>
    public void Refused(int frontend) => Volatile.Write(ref outOfService[frontend], true);

    private Task WatchAsync() => Task.WhenAll(Enumerable.Range(0, clients.Count).Select(WatchAsync));

    /// <summary>Probes one frontend's readiness every <see cref="CheckEvery"/> (a slow probe delays only its own frontend's next one).</summary>
    private async Task WatchAsync(int frontend)
    {
        using var probe = new HttpClient { Timeout = ProbeTimeout };
        using var timer = new PeriodicTimer(CheckEvery);
        var failures = 0;
        do
        {
            bool ready;
            try
            {
                using var response = await probe.GetAsync(new Uri(clients[frontend].BaseAddress!, "/health/ready"), stop.Token);
                ready = response.IsSuccessStatusCode;
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                ready = false;
            }

            failures = ready ? 0 : failures + 1;
            if (ready || failures >= FailuresToTakeOut)
            {
                Volatile.Write(ref outOfService[frontend], !ready);
            }
        }
        while (await timer.WaitForNextTickAsync(stop.Token).AsTask().ContinueWith(tick => tick is { IsCompletedSuccessfully: true, Result: true }, TaskScheduler.Default));
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await watching;
        stop.Dispose();
    }
}
