using System.Net;
using GameServer.Grains.Hosting;
using GameServer.Grains.Games;
using GameServer.Grains.Journal;
using GameServer.Hosting;
using MySqlConnector;
using Orleans.Configuration;

namespace GameServer.Silo.Hosting;

public static class SiloHostingExtensions
{
    public static IHostApplicationBuilder AddGameSilo(this IHostApplicationBuilder builder)
    {
        var profile = builder.Configuration.GetHostingProfile();
        var cluster = builder.AddGameOptions<ClusterSettings>(ClusterSettings.Section);

        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = cluster.ClusterId;
                options.ServiceId = cluster.ServiceId;
            });

            switch (profile)
            {
                case HostingProfile.Development:
                    silo.UseDevelopmentInfrastructure(builder.Configuration, cluster);
                    break;
                case HostingProfile.Production:
                    silo.UseProductionInfrastructure(builder.Configuration, cluster);
                    break;
            }

            silo.AddGameServerGrains(builder.Configuration);

            // Failure detection can be tuned per deployment (tests shorten it).
            silo.Services.AddGameOptions<ClusterMembershipOptions>(builder.Configuration, ClusterSettings.Section + ":Membership");
        });

        // Optional: keeps the audit alert's metrics fresh (Audit:IntervalMinutes, off by default).
        builder.AddGameOptions<PeriodicAuditOptions>(PeriodicAuditOptions.Section);
        builder.Services.AddHostedService<PeriodicAudit>();
        builder.Services.AddHostedService(sp => new ProfileBanner(profile, sp.GetRequiredService<ILogger<ProfileBanner>>()));
        return builder;
    }

    private static void UseDevelopmentInfrastructure(this ISiloBuilder silo, IConfiguration configuration, ClusterSettings cluster)
    {
        IPEndPoint? primary = cluster.PrimarySiloPort is { } port ? new IPEndPoint(IPAddress.Loopback, port) : null;
        silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, primary, cluster.ServiceId, cluster.ClusterId);
        silo.AddInMemoryGameInfrastructure();

        // The in-memory journal is empty at every start, so today's chain can never be a day old: take
        // it, and let the archive mark it late, rather than take no bet until the day after tomorrow
        // (unless the setting says otherwise).
        if (configuration[$"{FairnessOptions.Section}:{nameof(FairnessOptions.AcceptLateChains)}"] is null)
        {
            silo.Services.PostConfigure<FairnessOptions>(options => options.AcceptLateChains = true);
        }
    }

    private static void UseProductionInfrastructure(this ISiloBuilder silo, IConfiguration configuration, ClusterSettings cluster)
    {
        var connectionString = configuration.RequireConnectionString();

        silo.Configure<EndpointOptions>(options =>
        {
            options.SiloPort = cluster.SiloPort;
            options.GatewayPort = cluster.GatewayPort;
            if (cluster.AdvertisedIPAddress is { } advertised)
            {
                options.AdvertisedIPAddress = IPAddress.Parse(advertised);
            }
            else
            {
                options.AdvertisedIPAddress = IPAddress.Loopback;
            }
        });
        silo.UseAdoNetClustering(options =>
        {
            options.Invariant = GameDatabase.Invariant;
            options.ConnectionString = connectionString;
        });
        silo.AddAdoNetGrainStorageAsDefault(options =>
        {
            options.Invariant = GameDatabase.Invariant;
            options.ConnectionString = connectionString;
        });
        silo.AddAdoNetGrainStorage(GameStorage.PubSub, options =>
        {
            options.Invariant = GameDatabase.Invariant;
            options.ConnectionString = connectionString;
        });
        silo.UseAdoNetReminderService(options =>
        {
            options.Invariant = GameDatabase.Invariant;
            options.ConnectionString = connectionString;
        });
        silo.AddGameStreams();

        // The journal (ledger, bets, seeds, results) on the same database, fully durable; its history
        // reads on a read replica while it is current, when one is configured.
        silo.Services.AddMySqlJournal(connectionString, configuration.ReadReplicaConnectionString());
        silo.Services.AddGameOptions<ReadReplicaOptions>(configuration, ReadReplicaOptions.Section);
    }

    private sealed class ProfileBanner(HostingProfile profile, ILogger<ProfileBanner> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (profile == HostingProfile.Development)
            {
                logger.LogWarning(
                    "DEVELOPMENT PROFILE: grain state, reminders, the ledger and streams live IN MEMORY. " +
                    "Everything is lost when the silo stops. Never use this profile for real money.");
            }
            else
            {
                logger.LogInformation("Production profile: clustering, grain state and reminders on MySQL/MariaDB.");
            }

            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
