using GameServer.Players;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace GameServer.ApiFrontend.Realtime;

/// <summary>
/// This frontend's subscription to the staff-notice stream (SPEC §4, §7): a suspended player hears
/// <c>accountSuspended</c> and their connections here are closed; a new announcement is sent as
/// <c>announcement</c> to the connections of its audience (every connection for VIP 0, else signed-in
/// players at that level or above by their token). A watchdog keeps the subscription alive.
/// </summary>
public sealed partial class StaffNoticeRelay(
    IClusterClient cluster,
    IHubContext<GameHub> hub,
    HubConnections connections,
    IOptions<RealtimeOptions> options,
    ILogger<StaffNoticeRelay> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var stream = cluster.GetStreamProvider(GameStreams.ProviderName).GetStream<StaffNotice>(StaffNoticeStreams.All);
        var subscription = new StreamSubscription<StaffNotice>(stream, Forward);
        await StreamSubscriptionWatchdog.KeepAsync([subscription], options.Value.SubscriptionCheckInterval, exception => LogCheckFailed(logger, exception), stoppingToken);
    }

    private async Task Forward(StaffNotice notice)
    {
        switch (notice)
        {
            case PlayerSuspended suspended:
                foreach (var connection in connections.Of(suspended.UserId))
                {
                    await hub.Clients.Client(connection.ConnectionId).SendAsync(ClientEvents.AccountSuspended, new AccountSuspendedMessage(suspended.UserId));
                    connection.Abort();
                }

                break;
            case AnnouncementPublished published:
                var announcement = published.Announcement;
                var clients = announcement.MinVipLevel == 0 ? hub.Clients.All : hub.Clients.Clients(connections.AtVipLevel(announcement.MinVipLevel).ToList());
                await clients.SendAsync(ClientEvents.Announcement, announcement);
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not check the staff-notice stream subscription")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception);
}
