using System.Collections.Concurrent;
using GameServer.Games;
using GameServer.Wallet;
using Microsoft.AspNetCore.SignalR;

namespace GameServer.ApiFrontend.Realtime;

/// <summary>
/// The players this frontend holds connections of, and their events: settlements arrive in batches on
/// the game streams (every frontend hears every batch and passes on what concerns its own players);
/// a player's other events arrive on the player's stream, which this frontend subscribes to while it
/// holds at least one of the player's connections. A player connected through two frontends hears on
/// both. Sends go to connection ids: SignalR's send-to-user looks at every connection of the frontend.
/// </summary>
public sealed partial class PlayerEventRelay(IClusterClient cluster, IHubContext<GameHub> hub, ILogger<PlayerEventRelay> logger)
{
    private readonly ConcurrentDictionary<long, Entry> players = new();

    public async Task ConnectedAsync(long userId, string connectionId)
    {
        // An entry whose last connection just left is closed: a connection arriving then starts a new one.
        var entry = players.AddOrUpdate(userId, _ => new Entry(Subscription(userId), connectionId),
            (_, existing) => existing.TryAdd(connectionId) ? existing : new Entry(Subscription(userId), connectionId));
        await entry.Subscription.EnsureAsync();
    }

    public async Task DisconnectedAsync(long userId, string connectionId)
    {
        if (players.TryGetValue(userId, out var entry) && entry.Remove(connectionId) == 0 && players.TryRemove(new KeyValuePair<long, Entry>(userId, entry)))
        {
            await entry.Subscription.UnsubscribeAsync();
        }
    }

    /// <summary>Re-checks every held player's subscription (cheap when nothing was lost).</summary>
    public Task EnsureSubscriptionsAsync() => Task.WhenAll(players.Values.Select(entry => entry.Subscription.EnsureAsync()));

    public Task UnsubscribeAllAsync() => Task.WhenAll(players.Values.Select(entry => entry.Subscription.UnsubscribeAsync()));

    /// <summary>
    /// Passes a settlement batch on to the players held here, without holding up the game stream
    /// behind it: a loser's balance is read from the wallet, and only for players connected here.
    /// </summary>
    public void Deliver(PlayersSettled settled) => _ = DeliverAsync(settled);

    private async Task DeliverAsync(PlayersSettled settled)
    {
        try
        {
            await Task.WhenAll(settled.Players
                .Where(player => players.ContainsKey(player.UserId))
                .Select(async player =>
                {
                    var balance = player.BalanceAfterPayout ?? await cluster.GetGrain<IWalletGrain>(player.UserId).GetBalance();
                    foreach (var bet in player.Bets)
                    {
                        await Send(player.UserId, ClientEvents.BetSettled, new BetSettledMessage(bet.BetId, settled.Game.Game.WireName(), settled.Game.DurationSeconds,
                            settled.PeriodId, bet.Won, bet.Payout, balance.Available));
                    }

                    await Send(player.UserId, ClientEvents.BalanceChanged, new BalanceChangedMessage(balance.Available, balance.Held));
                }));
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Best effort, as every stream message: the client re-reads its bets and balance over HTTP.
            LogDeliveryFailed(logger, settled.Game, settled.PeriodId, exception);
        }
    }

    private StreamSubscription<PlayerEvent> Subscription(long userId) =>
        new(cluster.GetStreamProvider(GameStreams.ProviderName).GetStream<PlayerEvent>(GameStreamIds.ForPlayer(userId)), Forward);

    private Task Forward(PlayerEvent playerEvent)
    {
        var (method, payload) = ClientEvents.ForPlayer(playerEvent);
        return Send(playerEvent.UserId, method, payload);
    }

    private Task Send(long userId, string method, object payload) =>
        players.TryGetValue(userId, out var entry) && entry.ConnectionIds is { Count: > 0 } ids
            ? hub.Clients.Clients(ids).SendAsync(method, payload)
            : Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not pass on the settlement of {Game} {PeriodId}")]
    private static partial void LogDeliveryFailed(ILogger logger, GameKey game, string periodId, Exception exception);

    private sealed class Entry
    {
        private readonly HashSet<string> connections = [];
        private string[] snapshot;

        public Entry(StreamSubscription<PlayerEvent> subscription, string connectionId)
        {
            Subscription = subscription;
            connections.Add(connectionId);
            snapshot = [connectionId];
        }

        public StreamSubscription<PlayerEvent> Subscription { get; }

        /// <summary>An immutable copy: senders read it while connections come and go.</summary>
        public IReadOnlyList<string> ConnectionIds => Volatile.Read(ref snapshot);

        public bool TryAdd(string connectionId)
        {
            lock (connections)
            {
                if (connections.Count == 0)
                {
                    return false;
                }

                connections.Add(connectionId);
                Volatile.Write(ref snapshot, [.. connections]);
                return true;
            }
        }

        /// <summary>Returns the connections left; at zero the entry is closed for good.</summary>
        public int Remove(string connectionId)
        {
            lock (connections)
            {
                connections.Remove(connectionId);
                Volatile.Write(ref snapshot, [.. connections]);
                return connections.Count;
            }
        }
    }
}
