using GameServer.Grains.Games;
using GameServer.Grains.Journal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MySqlConnector;

namespace GameServer.Grains.Hosting;

/// <summary>
/// Registers one journal store and hands each of its parts (ledger, bet book, game history, audit, history reads) to
/// whoever reads it. The first store registered wins, so a test can give several silos one store.
/// </summary>
public static class JournalServiceExtensions
{
    /// <summary>The journal in memory (Development, tests): nothing survives the process.</summary>
    public static IServiceCollection AddInMemoryJournal(this IServiceCollection services) =>
        services.AddJournalStore(_ => new InMemoryJournalStore());

    /// <summary>
    /// The journal on MySQL/MariaDB (Production), fully durable, with day secrets sealed at rest under
    /// <c>Fairness:SeedSecretKey</c> and payout destinations under <c>Wallet:PayoutSealingKey</c>
    /// (<see cref="PayoutSealingServiceExtensions.AddProductionPayoutSealing"/>), both checked when the host starts:
    /// a silo without a usable key does not start, rather than fail at its first chain or withdrawal. Withdrawals
    /// written before payout sealing are sealed in the background at start (<see cref="WithdrawalDestinationResealing"/>).
    /// The schema is <c>db/migrations</c>.
    /// </summary>
    /// <param name="readReplicaConnectionString">
    /// A read replica of the same database (<c>scripts/db-up.sh --replica</c>), or null for none: the
    /// history reads (<see cref="IHistoryReads"/>) then go to it while a <see cref="ReadReplicaMonitor"/>
    /// finds it current (<see cref="ReadReplicaOptions"/>, bound by the caller), and to the primary
    /// otherwise. Everything else reads and writes the primary.
    /// </param>
    public static IServiceCollection AddMySqlJournal(this IServiceCollection services, string connectionString, string? readReplicaConnectionString = null)
    {
        services.AddOptions<FairnessOptions>()
            .Validate(options => SeedSecretSealer.TryFromOptions(options, out _), SeedSecretSealer.KeyRequirement)
            .ValidateOnStart();
        services.TryAddSingleton(provider => SeedSecretSealer.FromOptions(provider.GetRequiredService<IOptions<FairnessOptions>>().Value));
        services.AddProductionPayoutSealing();
        services.TryAddSingleton<WithdrawalDestinationResealing>();
        services.AddHostedService(provider => provider.GetRequiredService<WithdrawalDestinationResealing>());
        services.TryAddSingleton(_ => new MySqlDataSourceBuilder(connectionString).Build());
        if (readReplicaConnectionString is not null)
        {
            services.AddReadReplica(readReplicaConnectionString);
        }

        return services.AddJournalStore(provider => ActivatorUtilities.CreateInstance<MySqlJournalStore>(provider));
    }

    /// <summary>The replica's connections (named in MySqlConnector's pool metrics), its monitor, and the history reads routed by it.</summary>
    private static void AddReadReplica(this IServiceCollection services, string connectionString)
    {
        services.TryAddKeyedSingleton(ReadReplicaMonitor.DataSourceKey, (_, _) => new MySqlDataSourceBuilder(connectionString).UseName("read-replica").Build());
        services.TryAddSingleton<ReadReplicaMonitor>();
        services.AddHostedService(provider => provider.GetRequiredService<ReadReplicaMonitor>());
        services.TryAddSingleton<IHistoryReads>(provider =>
        {
            var monitor = provider.GetRequiredService<ReadReplicaMonitor>();
            var onReplica = new MySqlJournalStore(monitor.DataSource, provider.GetRequiredService<SeedSecretSealer>(), provider.GetRequiredService<GameServer.Grains.Wallet.PayoutSealer>());
            return new ReplicaRoutedHistoryReads(provider.GetRequiredService<IJournalStore>(), onReplica, monitor);
        });
    }

    /// <summary>One store for the silo, and its parts by purpose (the writer for group commit alone); a store registered earlier stays.</summary>
    public static IServiceCollection AddJournalStore(this IServiceCollection services, Func<IServiceProvider, IJournalStore> store)
    {
        services.TryAddSingleton(store);
        services.TryAddSingleton<IJournalWriter>(provider => provider.GetRequiredService<IJournalStore>());
        services.TryAddSingleton<ILedger>(provider => provider.GetRequiredService<IJournalStore>());
        services.TryAddSingleton<IBetBook>(provider => provider.GetRequiredService<IJournalStore>());
        services.TryAddSingleton<IGameHistory>(provider => provider.GetRequiredService<IJournalStore>());
        services.TryAddSingleton<ILedgerAudit>(provider => provider.GetRequiredService<IJournalStore>());
        services.TryAddSingleton<IStaffAuditTrail>(provider => provider.GetRequiredService<IJournalStore>());
        services.TryAddSingleton<IHistoryReads>(provider => provider.GetRequiredService<IJournalStore>());
        return services;
    }
}
