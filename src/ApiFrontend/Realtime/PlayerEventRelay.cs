using System.Collections.Concurrent;
using GameServer.Games;
using GameServer.Wallet;
using Microsoft.AspNetCore.SignalR;

namespace GameServer.ApiFrontend.Realtime;

/// <summary>
/// The players this frontend holds connections of, and their settlements: these arrive in batches on
/// the game streams (every frontend hears every batch) and each frontend passes on what concerns its
/// own players, so a player connected through two frontends hears on both. Sends go to connection
/// ids: SignalR's send-to-user looks at every connection of the frontend.
/// </summary>
public sealed partial class PlayerEventRelay(IClusterClient cluster, IHubContext<GameHub> hub, ILogger<PlayerEventRelay> logger)
{
    private readonly ConcurrentDictionary<long, Connections> players = new();

    public void Connected(long userId, string connectionId) =>
        // A set whose last connection just left is closed: a connection arriving then starts a new one.
        players.AddOrUpdate(userId, _ => new Connections(connectionId),
            (_, existing) => existing.TryAdd(connectionId) ? existing : new Connections(connectionId));

    public void Disconnected(long userId, string connectionId)
    {
        if (players.TryGetValue(userId, out var connections) && connections.Remove(connectionId) == 0)
        {
            players.TryRemove(new KeyValuePair<long, Connections>(userId, connections));
        }
    }

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

    private Task Send(long userId, string method, object payload) =>
        players.TryGetValue(userId, out var connections) && connections.Ids is { Count: > 0 } ids
            ? hub.Clients.Clients(ids).SendAsync(method, payload)
            : Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not pass on the settlement of {Game} {PeriodId}")]
    private static partial void LogDeliveryFailed(ILogger logger, GameKey game, string periodId, Exception exception);

    private sealed class Connections
    {
        private readonly HashSet<string> ids = [];
        private string[] snapshot;

        public Connections(string connectionId)
        {
            ids.Add(connectionId);
            snapshot = [connectionId];
        }

        /// <summary>An immutable copy: senders read it while connections come and go.</summary>
        public IReadOnlyList<string> Ids => Volatile.Read(ref snapshot);

        public bool TryAdd(string connectionId)
        {
            lock (ids)
            {
                if (ids.Count == 0)
                {
                    return false;
                }

                ids.Add(connectionId);
                Volatile.Write(ref snapshot, [.. ids]);
                return true;
            }
        }

        /// <summary>Returns the connections left; at zero the set is closed for good.</summary>
        public int Remove(string connectionId)
        {
            lock (ids)
            {
                ids.Remove(connectionId);
                Volatile.Write(ref snapshot, [.. ids]);
                return ids.Count;
            }
        }
    }
}
