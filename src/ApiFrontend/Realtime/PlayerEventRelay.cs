using System.Collections.Concurrent;
using GameServer.Games;
using Microsoft.AspNetCore.SignalR;

namespace GameServer.ApiFrontend.Realtime;

/// <summary>
/// Subscribes this frontend to a player's event stream while it holds at least one of that player's
/// connections, and sends each event to all of them. Every frontend holding the player does the same,
/// so a player connected through two frontends hears on both.
/// </summary>
public sealed class PlayerEventRelay(IClusterClient cluster, IHubContext<GameHub> hub)
{
    private readonly ConcurrentDictionary<long, Entry> players = new();

    public async Task ConnectedAsync(long userId)
    {
        var entry = players.AddOrUpdate(userId, _ => new Entry(Subscription(userId)), (_, existing) => existing.Retain());
        await entry.Subscription.EnsureAsync();
    }

    public async Task DisconnectedAsync(long userId)
    {
        if (players.TryGetValue(userId, out var entry) && entry.Release() == 0 && players.TryRemove(new KeyValuePair<long, Entry>(userId, entry)))
        {
            await entry.Subscription.UnsubscribeAsync();
        }
    }

    /// <summary>Re-checks every held player's subscription (cheap when nothing was lost).</summary>
    public Task EnsureSubscriptionsAsync() => Task.WhenAll(players.Values.Select(entry => entry.Subscription.EnsureAsync()));

    public Task UnsubscribeAllAsync() => Task.WhenAll(players.Values.Select(entry => entry.Subscription.UnsubscribeAsync()));

    private StreamSubscription<PlayerEvent> Subscription(long userId) =>
        new(cluster.GetStreamProvider(GameStreams.ProviderName).GetStream<PlayerEvent>(GameStreamIds.ForPlayer(userId)), Forward);

    private Task Forward(PlayerEvent playerEvent)
    {
        var (method, payload) = ClientEvents.ForPlayer(playerEvent);
        return hub.Clients.User(playerEvent.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture)).SendAsync(method, payload);
    }

    private sealed class Entry(StreamSubscription<PlayerEvent> subscription)
    {
        private int connections = 1;

        public StreamSubscription<PlayerEvent> Subscription { get; } = subscription;

        public Entry Retain()
        {
            Interlocked.Increment(ref connections);
            return this;
        }

        public int Release() => Interlocked.Decrement(ref connections);
    }
}
