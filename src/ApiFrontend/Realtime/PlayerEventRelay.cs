using System.Collections.Concurrent;
using GameServer.Games;
using GameServer.Wallet;
using Microsoft.AspNetCore.SignalR;

namespace GameServer.ApiFrontend.Realtime;

/// <summary>
/// The players this frontend holds connections of, and their settlements: these arrive in batches on
/// the game streams (every frontend hears every batch) and each frontend passes on what concerns its
/// own players, so a player connected through two frontends hears on both. Each send goes to one
/// connection id at a time: SignalR's send-to-user and send-to-connections look at every connection
/// of the frontend (at 5,000 connections that scan was half the frontend's CPU in a profile, see
/// docs/BENCHMARKS.md), a send to one connection is a dictionary lookup. Two games settling at
/// once arrive on two streams in either order; each player's events are therefore sent one after
/// another and never with an older ledger seq than one already sent (SPEC §7). Every other change
/// of a held player's balance (a deposit, a stake, a withdrawal, a bonus …) comes from the player's
/// wallet through <see cref="BalanceWatches"/>.
/// </summary>
public sealed partial class PlayerEventRelay(IClusterClient cluster, IHubContext<GameHub> hub, ILogger<PlayerEventRelay> logger)
{
    private readonly ConcurrentDictionary<long, PlayerConnections> players = new();

    /// <summary>The players this frontend holds at least one connection of.</summary>
    public IEnumerable<long> HeldPlayers => players.Keys;

    public void Connected(long userId, string connectionId) =>
        // A set whose last connection just left is closed: a connection arriving then starts a new one.
        players.AddOrUpdate(userId, _ => new PlayerConnections(connectionId),
            (_, existing) => existing.TryAdd(connectionId) ? existing : new PlayerConnections(connectionId));

    public void Disconnected(long userId, string connectionId)
    {
        if (players.TryGetValue(userId, out var connections) && connections.Remove(connectionId) == 0)
        {
            players.TryRemove(new KeyValuePair<long, PlayerConnections>(userId, connections));
        }
    }

    /// <summary>A held player's balance moved (<paramref name="cause"/> is the entry's type): sent on in ledger order.</summary>
    public void BalanceChanged(long userId, Balance balance, LedgerEntryType cause)
    {
        if (players.TryGetValue(userId, out var connections))
        {
            _ = Logged(connections.Order.SendInLedgerOrder(balance, (newest, moved) => moved
                ? Send(connections, ClientEvents.BalanceChanged, new BalanceChangedMessage(newest.Available, newest.Held, newest.LastSeq, cause))
                : Task.CompletedTask), userId);
        }
    }

    private async Task Logged(Task send, long userId)
    {
        try
        {
            await send;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Best effort: the client re-reads its balance over HTTP after a gap.
            LogBalanceSendFailed(logger, userId, exception);
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
            await Task.WhenAll(settled.Players.Where(player => players.ContainsKey(player.UserId)).Select(player => DeliverAsync(settled, player)));
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Best effort, as every stream message: the client re-reads its bets and balance over HTTP.
            LogDeliveryFailed(logger, settled.Game, settled.PeriodId, exception);
        }
    }

    private async Task DeliverAsync(PlayersSettled settled, PlayerSettlement player)
    {
        if (!players.TryGetValue(player.UserId, out var connections))
        {
            return;
        }

        var reported = player.BalanceAfterPayout ?? await cluster.GetGrain<IWalletGrain>(player.UserId).GetBalance();
        var cause = player.Bets.Any(bet => bet.Kind == BetOutcomeKind.Won) ? LedgerEntryType.BetPayout
            : player.Bets.Any(bet => bet.Kind == BetOutcomeKind.Refunded) ? LedgerEntryType.BetRefund
            : (LedgerEntryType?)null;
        await connections.Order.SendInLedgerOrder(reported, async (balance, moved) =>
        {
            foreach (var bet in player.Bets)
            {
                await Send(connections, ClientEvents.BetSettled, new BetSettledMessage(bet.BetId, settled.Game.Game.WireName(), settled.Game.DurationSeconds,
                    settled.PeriodId, bet.Won, bet.Kind, bet.Payout, balance.Available, balance.LastSeq));
            }

            if (moved)
            {
                await Send(connections, ClientEvents.BalanceChanged, new BalanceChangedMessage(balance.Available, balance.Held, balance.LastSeq, cause));
            }
        });
    }

    private Task Send(PlayerConnections connections, string method, object payload) => connections.Ids switch
    {
        [] => Task.CompletedTask,
        [var only] => hub.Clients.Client(only).SendAsync(method, payload),
        var ids => Task.WhenAll(ids.Select(id => hub.Clients.Client(id).SendAsync(method, payload))),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send player {UserId} a balance change")]
    private static partial void LogBalanceSendFailed(ILogger logger, long userId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not pass on the settlement of {Game} {PeriodId}")]
    private static partial void LogDeliveryFailed(ILogger logger, GameKey game, string periodId, Exception exception);

    private sealed class PlayerConnections
    {
        private readonly HashSet<string> ids = [];
        private string[] snapshot;

        public PlayerConnections(string connectionId)
        {
            ids.Add(connectionId);
            snapshot = [connectionId];
        }

        public BalanceEventOrder Order { get; } = new();

        /// <summary>An immutable copy: senders read it while connections come and go.</summary>
        public string[] Ids => Volatile.Read(ref snapshot);

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

/// <summary>
/// One player's balance-bearing events, sent one after another and in ledger order: an event whose
/// balance is older than one already sent carries the newest balance instead, so the last event a
/// client receives always shows the newest balance it could know.
/// </summary>
internal sealed class BalanceEventOrder
{
    private readonly Lock gate = new();
    private Task tail = Task.CompletedTask;
    private Balance? newest;

    /// <summary>
    /// Runs <paramref name="send"/> after every earlier send of this player, with the newer of
    /// <paramref name="reported"/> and the newest balance sent so far, and whether the balance moved
    /// past what was sent before.
    /// </summary>
    public Task SendInLedgerOrder(Balance reported, Func<Balance, bool, Task> send)
    {
        lock (gate)
        {
            tail = After(tail, () =>
            {
                var moved = newest is null || reported.LastSeq > newest.LastSeq;
                if (moved)
                {
                    newest = reported;
                }

                return send(newest!, moved);
            });
            return tail;
        }
    }

    private static async Task After(Task previous, Func<Task> next)
    {
        try
        {
            await previous;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The earlier send failed (a connection went away); the next one still goes.
        }

        await next();
    }
}
