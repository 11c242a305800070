using GameServer.ApiFrontend.Apis;
using GameServer.ApiFrontend.Hosting;
using GameServer.Games;
using GameServer.Players;
using Microsoft.AspNetCore.SignalR;

namespace GameServer.ApiFrontend.Realtime;

/// <summary>
/// Live game events. Anyone may watch a game (<see cref="JoinGame"/> puts the connection in the
/// group <c>{game}-{duration}</c>); a player who connects with a token also receives the events of
/// their own bets and balance on every connection they hold, on whichever frontend, until the token
/// expires and the connection is closed, and the announcements for their VIP level. A suspended player
/// cannot connect, and their connections are closed when staff suspend them.
/// </summary>
public sealed class GameHub(PlayerEventRelay players, BalanceWatches watches, HubConnections connections, IGrainFactory grains) : Hub
{
    public static string GroupOf(GameKey key) => key.ToString();

    /// <summary>Joins the game's group and returns its name; an unknown game or duration is a <see cref="HubException"/>.</summary>
    public async Task<string> JoinGame(string game, int duration)
    {
        var key = Key(game, duration);
        await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(key));
        return GroupOf(key);
    }

    public async Task LeaveGame(string game, int duration) =>
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, GroupOf(Key(game, duration)));

    public override async Task OnConnectedAsync()
    {
        GameServerMetrics.SignalRConnections.Add(1);
        if (HubConnections.Player(Context) is var (userId, vipLevel))
        {
            if ((await grains.GetGrain<IUserGrain>(userId).GetProfile()).IsSuspended)
            {
                // A token issued before the suspension lives out its hour; it keeps no connection (SPEC §4). Told and
                // closed rather than thrown: a refusal is the client's matter, not a server error to log.
                await Clients.Caller.SendAsync(ClientEvents.AccountSuspended, new AccountSuspendedMessage(userId));
                Context.Abort();
                return;
            }

            // The connection's calls wait for this: after its first call returns, every change of the balance is heard.
            connections.Add(userId, vipLevel, Context);
            players.Connected(userId, Context.ConnectionId);
            await watches.WatchOnConnectAsync(userId);
        }

        await base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        GameServerMetrics.SignalRConnections.Add(-1);
        connections.Remove(Context.ConnectionId);
        if (Context.User?.UserIdOrDefault() is { } userId)
        {
            players.Disconnected(userId, Context.ConnectionId);
        }

        await base.OnDisconnectedAsync(exception);
    }

    private static GameKey Key(string game, int duration)
    {
        try
        {
            return GameKeys.FromRequest(game, duration, ErrorKind.NotFound);
        }
        catch (GameServerException unknown)
        {
            // A hub reports a refusal to its caller only as a HubException.
            throw new HubException(unknown.Message);
        }
    }
}
