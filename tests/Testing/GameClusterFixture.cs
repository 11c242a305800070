using GameServer.Grains;
using GameServer.Grains.Hosting;
using GameServer.Grains.Journal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using Xunit;

namespace GameServer.Testing;

/// <summary>
/// Two in-process silos (Orleans' in-memory test transport, any silo may be stopped) wired with the
/// same grain services and in-memory infrastructure as the Development profile, sharing a clock that
/// tests move by hand, plus a client. Shared per test collection.
/// </summary>
public class GameClusterFixture : IAsyncLifetime
{
    public const int SiloCount = 2;

    /// <summary>The silos' game clock: starts one second into the current ten minutes (inside the betting window of every game), moves a millisecond on every reading, and jumps when a test moves it.</summary>
    public FakeTimeProvider Clock { get; } = TestClock.Moving();

    /// <summary>The ledger all silos share, as one database would be shared.</summary>
    public InMemoryJournalStore Ledger { get; } = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    /// <summary>Settings the silos see, as appsettings would give them; override to change one.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Games:AutoStart"] = "false" };

    /// <summary>The game clock of the silo of this name; every silo shares <see cref="Clock"/> unless a fixture gives them their own.</summary>
    protected virtual TimeProvider GameTimeOf(string siloName) => Clock;

    /// <summary>Whether the fixture stores the chains of the days around its start before the silos start (see <see cref="TestClock.PublishSeedChains"/>).</summary>
    protected virtual bool PublishesSeedChains => true;

    public virtual async Task InitializeAsync()
    {
        if (PublishesSeedChains)
        {
            await TestClock.PublishSeedChains(Ledger, Clock.GetUtcNow());
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(SiloTestSettings.Defaults).AddInMemoryCollection(Settings).Build();
        var builder = new InProcessTestClusterBuilder(SiloCount);
        builder.ConfigureSilo((options, silo) =>
        {
            silo.Services.AddSingleton(new GameClock(GameTimeOf(options.SiloName)));
            silo.Services.AddSingleton<IJournalStore>(Ledger);
            silo.AddInMemoryGameInfrastructure();
            silo.AddGameServerGrains(configuration);
        });
        builder.ConfigureClient(client => client.AddMemoryStreams(GameStreams.ProviderName));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public virtual async Task DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }
    }
}
