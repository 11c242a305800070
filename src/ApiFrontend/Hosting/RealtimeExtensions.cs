using GameServer.ApiFrontend.Realtime;
using Microsoft.AspNetCore.SignalR;

namespace GameServer.ApiFrontend.Hosting;

public static class RealtimeExtensions
{
    public static WebApplicationBuilder AddRealtime(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(RealtimeOptions.Section).Get<RealtimeOptions>() ?? new RealtimeOptions();
        builder.Services.Configure<RealtimeOptions>(builder.Configuration.GetSection(RealtimeOptions.Section));
        builder.Services.AddSingleton<ConnectionLimitFilter>();
        builder.Services.AddSingleton<IUserIdProvider, SubjectUserIdProvider>();
        builder.Services.AddSingleton<PlayerEventRelay>();
        builder.Services.AddHostedService<GameEventRelay>();
        builder.Services.AddSignalR(hub =>
        {
            hub.MaximumReceiveMessageSize = options.MaxReceiveMessageBytes;
            hub.AddFilter<ConnectionLimitFilter>();
        });
        return builder;
    }

    public static WebApplication MapRealtime(this WebApplication app)
    {
        app.MapHub<GameHub>("/hubs/game");
        return app;
    }
}
