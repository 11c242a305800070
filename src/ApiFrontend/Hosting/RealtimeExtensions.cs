using GameServer.ApiFrontend.Realtime;
using GameServer.Hosting;
using Microsoft.AspNetCore.SignalR;

namespace GameServer.ApiFrontend.Hosting;

public static class RealtimeExtensions
{
    /// <summary>SignalR's dispatcher logs every failed hub call as an error with a stack trace, a client's mistakes included; <see cref="HubCallLogging"/> logs them instead.</summary>
    private const string HubDispatcherCategory = "Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher";

    public static WebApplicationBuilder AddRealtime(this WebApplicationBuilder builder)
    {
        var options = builder.AddGameOptions<RealtimeOptions>(RealtimeOptions.Section);
        builder.Logging.AddFilter(HubDispatcherCategory, LogLevel.Critical);
        builder.Services.AddSingleton<PlayerEventRelay>();
        builder.Services.AddSingleton<BalanceWatches>();
        builder.Services.AddSingleton<HubConnections>();
        builder.Services.AddHostedService<StaffNoticeRelay>();
        builder.Services.AddHostedService<GameEventRelay>();
        builder.Services.AddHostedService<BalanceWatchRenewal>();
        builder.Services.AddSignalR(hub =>
        {
            hub.MaximumReceiveMessageSize = options.MaxReceiveMessageBytes;
            hub.AddFilter<HubCallLogging>();
        });
        return builder;
    }

    public static WebApplication MapRealtime(this WebApplication app)
    {
        // After authentication (the limits count players by their token), before the hub; a stopping
        // frontend takes no new connection at all.
        app.UseWhen(context => context.Request.Path.StartsWithSegments(HubPath), hub => hub.RefuseHubConnectionsWhileStopping().UseMiddleware<HubConnectionLimits>());

        // A connection lives no longer than its token (SPEC §7): the client reconnects with a fresh one.
        app.MapHub<GameHub>(HubPath, connection => connection.CloseOnAuthenticationExpiration = true);
        return app;
    }

    public const string HubPath = "/hubs/game";
}
