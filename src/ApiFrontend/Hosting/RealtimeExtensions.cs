namespace GameServer.ApiFrontend.Hosting;

public static class RealtimeExtensions
{
    public static WebApplicationBuilder AddRealtime(this WebApplicationBuilder builder)
    {
        builder.Services.AddSignalR();
        return builder;
    }
}
