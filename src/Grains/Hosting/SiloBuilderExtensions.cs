using GameServer.Grains.Games;
using GameServer.Grains.Journal;
using GameServer.Grains.Players;
using GameServer.Grains.Referral;
using GameServer.Grains.Wallet;
using GameServer.Hosting;
using GameServer.Players;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GameServer.Grains.Hosting;

public static class SiloBuilderExtensions
{
    /// <summary>The grains' own services and options; the same for every profile and for tests.</summary>
    public static ISiloBuilder AddGameServerGrains(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Services.TryAddSingleton(GameClock.System);
        silo.Services.TryAddSingleton(configuration);
        silo.Services.AddGameOptions<PasswordHashingOptions>(configuration, PasswordHashingOptions.Section);
        silo.Services.AddGameOptions<AdminAccountOptions>(configuration, AdminAccountOptions.Section);
        silo.Services.AddGameOptions<PhoneNumberOptions>(configuration, PhoneNumberOptions.Section);
        silo.Services.AddGameOptions<WalletOptions>(configuration, WalletOptions.Section);
        silo.Services.AddGameOptions<JournalOptions>(configuration, JournalOptions.Section);
        silo.Services.AddSingleton<GroupCommitJournal>();
        silo.Services.AddSingleton<PasswordHasher>();
        silo.Services.AddSingleton<AdminAccountBootstrap>();
        silo.Services.AddGameOptions<GameOptions>(configuration, GameOptions.Section);
        silo.Services.AddGameOptions<FairnessOptions>(configuration, FairnessOptions.Section);
        silo.Services.AddGameOptions<ReferralOptions>(configuration, ReferralOptions.Section).PostConfigure(options => options.UseDefaultsWhereEmpty());
        silo.Services.AddGameOptions<SessionOptions>(configuration, SessionOptions.Section);
        silo.Services.AddGameOptions<VipOptions>(configuration, VipOptions.Section).PostConfigure(options => options.UseDefaultsWhereEmpty());
        silo.Services.AddSingleton<GameStarter>();

        // Log lines written during a grain call carry the trace id of the request that led to it and the
        // ids the call names (player, bet, period, operation).
        silo.AddActivityPropagation();
        silo.AddIncomingGrainCallFilter<GrainCallLogIds>();
        silo.AddBestEffortStartupTask("the admin account", services => services.GetRequiredService<AdminAccountBootstrap>().EnsureAdminAsync());
        silo.AddBestEffortStartupTask("the games", services => services.GetRequiredService<GameStarter>().StartAllAsync());
        return silo;
    }

    /// <summary>
    /// Development and test infrastructure: grain state, reminders, streams and the ledger in memory.
    /// Nothing survives a restart of the process. Silos hosted in one process share a ledger only when
    /// the caller registers one <see cref="IJournalStore"/> instance for all of them first.
    /// </summary>
    public static ISiloBuilder AddInMemoryGameInfrastructure(this ISiloBuilder silo)
    {
        silo.Services.AddInMemoryJournal();
        silo.Services.AddDevelopmentPayoutSealing();
        silo.AddMemoryGrainStorageAsDefault();
        silo.AddMemoryGrainStorage(GameStorage.PubSub);
        silo.UseInMemoryReminderService();
        silo.AddGameStreams();
        return silo;
    }

    /// <summary>
    /// The games' streams: Orleans memory streams, whose pulling agents look at an empty
    /// queue every 100 ms by default — up to a tenth of a second added to every result a watcher
    /// sees. Reading each queue every 20 ms instead costs next to nothing.
    /// </summary>
    public static ISiloBuilder AddGameStreams(this ISiloBuilder silo) =>
        silo.AddMemoryStreams(GameStorage.StreamProvider, streams => streams.ConfigurePullingAgent(agent =>
            agent.Configure(options => options.GetQueueMsgsTimerPeriod = TimeSpan.FromMilliseconds(20))));
}
