using System.Collections.Concurrent;
using GameServer.ApiFrontend.Hosting;
using Microsoft.AspNetCore.SignalR;

namespace GameServer.ApiFrontend.Realtime;

/// <summary>
/// The signed-in hub connections of this frontend with the player and VIP level their token names, so that
/// staff notices can reach them: a suspended player's connections are closed, an announcement goes to the
/// connections of its audience.
/// </summary>
public sealed class HubConnections
{
    private readonly ConcurrentDictionary<string, (long UserId, int VipLevel, HubCallerContext Context)> connections = new();

    public void Add(long userId, int vipLevel, HubCallerContext context) => connections[context.ConnectionId] = (userId, vipLevel, context);

    public void Remove(string connectionId) => connections.TryRemove(connectionId, out _);

    /// <summary>The connection ids of players at <paramref name="minVipLevel"/> or above.</summary>
    public IEnumerable<string> AtVipLevel(int minVipLevel) =>
        connections.Where(connection => connection.Value.VipLevel >= minVipLevel).Select(connection => connection.Key);

    /// <summary>The connections of <paramref name="userId"/>.</summary>
    public IReadOnlyList<HubCallerContext> Of(long userId) =>
        connections.Values.Where(connection => connection.UserId == userId).Select(connection => connection.Context).ToList();

    /// <summary>Whether <paramref name="context"/> is a signed-in connection, and of whom.</summary>
    public static (long UserId, int VipLevel)? Player(HubCallerContext context) =>
        context.User?.UserIdOrDefault() is { } userId ? (userId, context.User.VipLevel()) : null;
}
