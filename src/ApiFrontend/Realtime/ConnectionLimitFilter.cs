using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace GameServer.ApiFrontend.Realtime;

/// <summary>Refuses a SignalR connection beyond the per-address limit of this frontend.</summary>
public sealed class ConnectionLimitFilter(IOptions<RealtimeOptions> options) : IHubFilter
{
    private readonly ConcurrentDictionary<string, int> perAddress = new();

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        var address = Address(context);
        if (perAddress.AddOrUpdate(address, 1, (_, count) => count + 1) > options.Value.MaxConnectionsPerIp)
        {
            Release(address);
            context.Context.Items[nameof(ConnectionLimitFilter)] = false;
            throw new HubException($"Too many connections from {address}.");
        }

        GameServerMetrics.SignalRConnections.Add(1);
        await next(context);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        if (!context.Context.Items.ContainsKey(nameof(ConnectionLimitFilter)))
        {
            Release(Address(context));
            GameServerMetrics.SignalRConnections.Add(-1);
        }

        await next(context, exception);
    }

    private void Release(string address) => perAddress.AddOrUpdate(address, 0, (_, count) => Math.Max(0, count - 1));

    private static string Address(HubLifetimeContext context) =>
        context.Context.GetHttpContext()?.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}

/// <summary>SignalR addresses a player by the token's subject, the user id.</summary>
public sealed class SubjectUserIdProvider : IUserIdProvider
{
    public string? GetUserId(HubConnectionContext connection) => connection.User?.FindFirst(Hosting.PlayerClaims.UserIdType)?.Value;
}
