using GameServer.Grains.Players;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GameServer.Grains.Hosting;

public static class SiloBuilderExtensions
{
    /// <summary>The grains' own services and options; the same for every profile and for tests.</summary>
    public static ISiloBuilder AddGameServerGrains(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.TryAddSingleton(configuration);
        silo.Services.Configure<PasswordHashingOptions>(configuration.GetSection(PasswordHashingOptions.Section));
        silo.Services.Configure<AdminAccountOptions>(configuration.GetSection(AdminAccountOptions.Section));
        silo.Services.AddSingleton<PasswordHasher>();
        silo.Services.AddSingleton<AdminAccountBootstrap>();
        silo.AddStartupTask((services, _) => services.GetRequiredService<AdminAccountBootstrap>().EnsureAdminAsync());
        return silo;
    }

    /// <summary>
    /// Development and test infrastructure: grain state, reminders and streams in memory. Nothing
    /// survives a restart of the process.
    /// </summary>
    public static ISiloBuilder AddInMemoryGameInfrastructure(this ISiloBuilder silo)
    {
        silo.AddMemoryGrainStorageAsDefault();
        silo.AddMemoryGrainStorage(GameStorage.PubSub);
        silo.UseInMemoryReminderService();
        silo.AddMemoryStreams(GameStorage.StreamProvider);
        return silo;
    }
}
