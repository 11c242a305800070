using GameServer.Grains.Journal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MySqlConnector;

namespace GameServer.Grains.Hosting;

/// <summary>
/// Registers one journal store and hands each of its parts (ledger, bet book, game history, audit) to
/// whoever reads it. The first store registered wins, so a test can give several silos one store.
/// </summary>
public static class JournalServiceExtensions
{
    /// <summary>The journal in memory (Development, tests): nothing survives the process.</summary>
    public static IServiceCollection AddInMemoryJournal(this IServiceCollection services) =>
        services.AddJournalStore(_ => new InMemoryJournalStore());

    /// <summary>
    /// The journal on MySQL/MariaDB (Production), fully durable, with day secrets sealed at rest by
    /// <paramref name="secrets"/>; the schema is <c>db/migrations</c>.
    /// </summary>
    public static IServiceCollection AddMySqlJournal(this IServiceCollection services, string connectionString, SeedSecretSealer secrets)
    {
        services.TryAddSingleton(_ => new MySqlDataSourceBuilder(connectionString).Build());
        services.TryAddSingleton(secrets);
        return services.AddJournalStore(provider => ActivatorUtilities.CreateInstance<MySqlJournalStore>(provider));
    }

    /// <summary>One store for the silo, and its parts by purpose; a store registered earlier stays.</summary>
    public static IServiceCollection AddJournalStore(this IServiceCollection services, Func<IServiceProvider, IJournalStore> store)
    {
        services.TryAddSingleton(store);
        services.TryAddSingleton<ILedger>(provider => provider.GetRequiredService<IJournalStore>());
        services.TryAddSingleton<IBetBook>(provider => provider.GetRequiredService<IJournalStore>());
        services.TryAddSingleton<IGameHistory>(provider => provider.GetRequiredService<IJournalStore>());
        services.TryAddSingleton<ILedgerAudit>(provider => provider.GetRequiredService<IJournalStore>());
        return services;
    }
}
