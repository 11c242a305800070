using System.Diagnostics;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace GameServer.LoadTest;

/// <summary>
/// What a run saw of its hub connections being dropped: how many were, how many came back, the longest time
/// one was away, how many are away now, and whether results reached them again afterwards. A frontend that
/// stops closes its connections; clients are expected to reconnect (to another frontend while that one
/// restarts) and to hear their game's results there.
/// </summary>
public sealed class HubReconnects
{
    private long dropped;
    private long reconnected;
    private long failedAttempts;
    private long longestGapTicks;

    public long Dropped => Interlocked.Read(ref dropped);

    public long Reconnected => Interlocked.Read(ref reconnected);

    /// <summary>Connection attempts that failed while reconnecting (a frontend still down, say).</summary>
    public long FailedAttempts => Interlocked.Read(ref failedAttempts);

    /// <summary>Connections dropped and not (yet) back.</summary>
    public long Away => Dropped - Reconnected;

    public TimeSpan LongestGap => TimeSpan.FromTicks(Interlocked.Read(ref longestGapTicks));

    /// <summary>Connections on a game whose period fits in the time after the disturbance: each is due a result.</summary>
    public int DueResults { get; private set; }

    /// <summary>Of <see cref="DueResults"/>, those that heard one: the others reconnected, or stayed, without the results reaching them.</summary>
    public int HeardResults { get; private set; }

    /// <summary>Connections due a result after the disturbance that did not hear one.</summary>
    public int WithoutResults => DueResults - HeardResults;

    internal void Heard(int due, int heard) => (DueResults, HeardResults) = (due, heard);

    internal void OnDropped() => Interlocked.Increment(ref dropped);

    internal void OnFailedAttempt() => Interlocked.Increment(ref failedAttempts);

    internal void OnReconnected(TimeSpan gap)
    {
        Interlocked.Increment(ref reconnected);
        for (var longest = Interlocked.Read(ref longestGapTicks); gap.Ticks > longest; longest = Interlocked.Read(ref longestGapTicks))
        {
            if (Interlocked.CompareExchange(ref longestGapTicks, gap.Ticks, longest) == longest)
            {
                break;
            }
        }
    }
}

/// <summary>
/// One virtual user's WebSocket hub connection, joined to a game screen, on the frontend <c>frontendFor(0)</c>.
/// When the server closes it (a frontend stopping) and failover is on, the user connects again — to
/// <c>frontendFor(n)</c> on the n-th attempt, where the run's load balancer sends it — and rejoins its game;
/// without failover the close is the run's error, as before.
/// </summary>
internal sealed class HubSession(
    Func<int, Uri> frontendFor,
    string? token,
    (string Game, int Duration) screen,
    Action<HubConnection> handlers,
    bool failover,
    HubReconnects reconnects,
    Func<LoadMetrics?> currentPhase,
    CancellationToken stop) : IAsyncDisposable
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(2);

    private HubConnection? connection;
    private Task reconnecting = Task.CompletedTask;
    private long lastResultTicks;

    /// <summary>The game screen it is on.</summary>
    public (string Game, int Duration) Screen => screen;

    /// <summary>When it last heard a result of its game (UTC), if ever.</summary>
    public DateTimeOffset? LastResult => Interlocked.Read(ref lastResultTicks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    /// <summary>Connects to the user's own frontend and joins its game; throws as the client does when that fails.</summary>
    public async Task StartAsync()
    {
        connection = await ConnectAsync(frontendFor(0));
    }

    private async Task<HubConnection> ConnectAsync(Uri frontend)
    {
        var built = new HubConnectionBuilder()
            .WithUrl(new Uri(frontend, "/hubs/game"), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                if (token is not null)
                {
                    o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                }
            })
            .Build();
        handlers(built);
        built.On<System.Text.Json.JsonElement>("gameResult", _ => Interlocked.Exchange(ref lastResultTicks, DateTimeOffset.UtcNow.UtcTicks));
        built.Closed += error => OnClosed(built, error);
        try
        {
            await built.StartAsync(stop);
            await built.InvokeAsync<string>("JoinGame", screen.Game, screen.Duration, stop);
            return built;
        }
        catch
        {
            await built.DisposeAsync();
            throw;
        }
    }

    private Task OnClosed(HubConnection closed, Exception? error)
    {
        if (stop.IsCancellationRequested || !ReferenceEquals(closed, connection))
        {
            return Task.CompletedTask;
        }

        currentPhase()?.RecordError(failover ? "signalr dropped (reconnecting)" : $"signalr closed: {error?.GetType().Name}");
        if (failover)
        {
            reconnects.OnDropped();
            reconnecting = ReconnectAsync(closed);
        }

        return Task.CompletedTask;
    }

    private async Task ReconnectAsync(HubConnection dropped)
    {
        var away = Stopwatch.StartNew();
        var pause = FirstPause;
        for (var attempt = 1; !stop.IsCancellationRequested; attempt++)
        {
            try
            {
                connection = await ConnectAsync(frontendFor(attempt));
                reconnects.OnReconnected(away.Elapsed);
                break;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception) when (exception is HttpRequestException or System.Net.WebSockets.WebSocketException or InvalidOperationException or TimeoutException or OperationCanceledException or Microsoft.AspNetCore.SignalR.HubException)
            {
                reconnects.OnFailedAttempt();
                await Task.Delay(pause, stop).ContinueWith(_ => { }, TaskScheduler.Default);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestPause.Ticks));
            }
        }

        await dropped.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await reconnecting;
        if (connection is not null)
        {
            await connection.DisposeAsync();
        }
    }
}
