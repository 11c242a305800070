using GameServer.Grains.Games;
using GameServer.Grains.Journal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MySqlConnector;

namespace GameServer.Grains.Hosting;

/// <summary>
/// Registers one journal store and hands each of its parts (ledger, bet book, game history, audit, reports) to
/// whoever reads it. The first store registered wins, so a test can give several silos one store.
/// </summary>
public static class JournalServiceExtensions
{
    /// <summary>The journal in memory (Development, tests): nothing survives the process.</summary>
    public static IServiceCollection AddInMemoryJournal(this IServiceCollection services) =>
        services.AddJournalStore(_ => new InMemoryJournalStore());

    /// <summary>
    /// The journal on MySQL/MariaDB (Production), fully durable, with day secrets sealed at rest under
    /// <c>Fairness:SeedSecretKey</c>, which is checked when the host starts: a silo without a usable key
    /// does not start, rather than fail at its first chain. The schema is <c>db/migrations</c>.
    /// </summary>
    public static IServiceCollection AddMySqlJournal(this IServiceCollection services, string connectionString)
    {
        services.AddOptions<FairnessOptions>()
            .Validate(options => SeedSecretSealer.TryFromOptions(options, out _), SeedSecretSealer.KeyRequirement)
            .ValidateOnStart();
        services.TryAddSingleton(provider => SeedSecretSealer.FromOptions(provider.GetRequiredService<IOptions<FairnessOptions>>().Value));
        services.TryAddSingleton(_ => new MySqlDataSourceBuilder(connectionString).Build());
        return services.AddJournalStore(provider => ActivatorUtilities.CreateInstance<MySqlJournalStore>(provider));
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
        services.TryAddSingleton<IBusinessReports>(provider => provider.GetRequiredService<IJournalStore>());
        return services;
    }
}
