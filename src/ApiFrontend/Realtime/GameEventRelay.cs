using GameServer.Games;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace GameServer.ApiFrontend.Realtime;

/// <summary>
/// This frontend's one subscription per game stream: each event the cluster publishes once is sent
/// once to each connection of the game's local group, except settlement batches, which go to the
/// players held here. A watchdog keeps the subscriptions alive.
/// </summary>
public sealed partial class GameEventRelay(
    IClusterClient cluster,
    IHubContext<GameHub> hub,
    PlayerEventRelay players,
    IOptions<RealtimeOptions> options,
    ILogger<GameEventRelay> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var provider = cluster.GetStreamProvider(GameStreams.ProviderName);
        var subscriptions = GameCatalog.AllKeys()
            .Select(key => new StreamSubscription<GameEvent>(provider.GetStream<GameEvent>(GameStreamIds.ForGame(key)), Forward))
            .ToList();

        await StreamSubscriptionWatchdog.KeepAsync(subscriptions, options.Value.SubscriptionCheckInterval, exception => LogCheckFailed(logger, exception), stoppingToken);
    }

    private Task Forward(GameEvent gameEvent)
    {
        if (gameEvent is PlayersSettled settled)
        {
            players.Deliver(settled);
            return Task.CompletedTask;
        }

        var (method, payload) = ClientEvents.ForGame(gameEvent);
        var sent = hub.Clients.Group(GameHub.GroupOf(gameEvent.Game)).SendAsync(method, payload);
        return gameEvent is ResultDrawn drawn ? MeasureFanOut(sent, drawn) : sent;
    }

    /// <summary>The server's share of a result's delivery: what remains of it is the network and the client.</summary>
    private static async Task MeasureFanOut(Task sent, ResultDrawn drawn)
    {
        await sent;
        GameServerMetrics.ResultFanOut.Record((DateTimeOffset.UtcNow - drawn.DrawnAt).TotalMilliseconds,
            new KeyValuePair<string, object?>("game", drawn.Game.ToString()));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not check the game stream subscriptions")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception);
}
