using System.Net;
using GameServer.Hosting;
using Orleans.Configuration;

namespace GameServer.ApiFrontend.Hosting;

public static class ClusterClientExtensions
{
    private const int DefaultGatewayPort = 30000;
    private static readonly TimeSpan GatewayRefreshPeriod = TimeSpan.FromSeconds(5);

    public static WebApplicationBuilder AddGameClusterClient(this WebApplicationBuilder builder)
    {
        var profile = builder.Configuration.GetHostingProfile();
        var settings = builder.AddGameOptions<ClusterSettings>(ClusterSettings.Section);
        builder.Services.AddSingleton(FrontendInstance.Current(TimeProvider.System)); // this frontend in the cluster view, stamped as it starts

        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = settings.ClusterId;
                options.ServiceId = settings.ServiceId;
            });

            if (profile == HostingProfile.Production)
            {
                var connectionString = builder.Configuration.RequireConnectionString();

                client.UseAdoNetClustering(options =>
                {
                    options.Invariant = GameDatabase.Invariant;
                    options.ConnectionString = connectionString;
                });
            }
            else
            {
                var gateways = settings.Gateways.Count == 0
                    ? [new IPEndPoint(IPAddress.Loopback, DefaultGatewayPort)]
                    : settings.Gateways.Select(ParseEndpoint).ToArray();
                client.UseStaticClustering(gateways);
            }

            // After a full cluster restart the client finds the gateways again within seconds, not a minute.
            client.Configure<GatewayOptions>(options => options.GatewayListRefreshPeriod = GatewayRefreshPeriod);
            client.AddMemoryStreams(GameStreams.ProviderName);

            // The trace id of a request goes with its grain calls, so the silo's log lines carry it too.
            client.AddActivityPropagation();
        });

        return builder;
    }

    private static IPEndPoint ParseEndpoint(string value) =>
        IPEndPoint.TryParse(value, out var endpoint) && endpoint.Port != 0
            ? endpoint
            : throw new InvalidOperationException($"Orleans:Gateways entry '{value}' is not an IP endpoint such as 127.0.0.1:30000.");
}
