namespace GameServer.LoadTest;

/// <summary>
/// The run's load balancer over the frontends it was given: each user has a frontend of its own, and is
/// sent to the next one while its own is out — as a load balancer does, which stops sending to an instance
/// whose <c>/health/ready</c> fails (a frontend turns it off first thing when it is told to stop) and to
/// one that refused a connection. With <c>watch</c> off (presets that expect no restarts) every user keeps
/// to its own frontend, as before.
/// </summary>
public sealed class FrontendPool : IAsyncDisposable
{
    private static readonly TimeSpan CheckEvery = TimeSpan.FromMilliseconds(500);

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

    private async Task WatchAsync()
    {
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        using var timer = new PeriodicTimer(CheckEvery);
        do
        {
            for (var i = 0; i < clients.Count; i++)
            {
                bool ready;
                try
                {
                    using var response = await probe.GetAsync(new Uri(clients[i].BaseAddress!, "/health/ready"), stop.Token);
                    ready = response.IsSuccessStatusCode;
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
                {
                    ready = false;
                }

                Volatile.Write(ref outOfService[i], !ready);
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
