using System.Net;
using System.Net.Sockets;
using GameServer.Grains;
using GameServer.Grains.Journal;
using GameServer.Hosting;
using GameServer.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace GameServer.Testing;

/// <summary>
/// Silos wired exactly as the Development profile wires them (localhost clustering over real TCP,
/// silo 0 the primary), hosted in this process, with real frontends on Kestrel in front of them.
/// Unlike the in-memory test transport, external Orleans clients (our frontends) can connect.
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{
    private readonly IHost?[] silos;
    private readonly (int SiloPort, int GatewayPort)[] ports;
    private readonly List<FrontendHost> frontends = [];
    private readonly IReadOnlyDictionary<string, string?> settings;

    private readonly Action<HostApplicationBuilder>? configureSilo;

    private LocalCluster(int siloCount, IReadOnlyDictionary<string, string?> settings, Action<HostApplicationBuilder>? configureSilo)
    {
        silos = new IHost?[siloCount];
        ports = Enumerable.Range(0, siloCount).Select(_ => (TestPorts.Free(), TestPorts.Free())).ToArray();
        this.settings = settings;
        this.configureSilo = configureSilo;
    }

    /// <summary>The token signing key every frontend of a test cluster shares (tests forge tokens with it).</summary>
    public static readonly byte[] SigningKey = Enumerable.Range(1, 32).Select(i => (byte)(i * 7)).ToArray();

    /// <summary>Secret of the <c>sandbox</c> gateway tests deliver callbacks for (a hosted-checkout gateway).</summary>
    public const string SandboxGatewaySecret = "sandbox-gateway-secret-for-tests";

    public string ClusterId { get; } = $"test-{Guid.NewGuid():N}";

    /// <summary>The ledger all silos of this cluster share, as one database would be shared.</summary>
    public InMemoryJournalStore Ledger { get; } = new();

    /// <summary>The silos' grain state, shared as the ledger is (<see cref="SharedGrainStorage"/>).</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, object> grainState = new();

    /// <summary>The silos' game clock: starts one second into the current ten minutes (inside the betting window of every game), moves a millisecond on every reading, and jumps when a test moves it.</summary>
    public FakeTimeProvider Clock { get; } = TestClock.Moving();

    public IReadOnlyList<FrontendHost> Frontends => frontends;

    /// <summary>The warnings and errors every silo of this cluster logged, with their scopes.</summary>
    public IReadOnlyList<CapturedLog> SiloLogs => [.. siloLogs.SelectMany(logs => logs.Entries)];

    /// <summary>One capture per silo started: a logger provider takes the scopes of one host's loggers only.</summary>
    private readonly System.Collections.Concurrent.ConcurrentQueue<CapturedLogs> siloLogs = new();

    /// <param name="configureSilo">Called for each silo once it is wired as the Development profile wires it, to add to it (e.g. a grain call filter).</param>
    public static async Task<LocalCluster> StartAsync(int siloCount, IReadOnlyDictionary<string, string?>? settings = null, Action<HostApplicationBuilder>? configureSilo = null)
    {
        var cluster = new LocalCluster(siloCount, settings ?? new Dictionary<string, string?>(), configureSilo);
        await TestClock.PublishSeedChains(cluster.Ledger, cluster.Clock.GetUtcNow());
        for (var index = 0; index < siloCount; index++)
        {
            await cluster.StartSiloAsync(index);
        }

        return cluster;
    }

    public async Task StartSiloAsync(int index)
    {
        if (silos[index] is not null)
        {
            throw new InvalidOperationException($"Silo {index} is already running.");
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = Environments.Development,
            ApplicationName = $"silo-{index}",
            DisableDefaults = true,
        });
        builder.Configuration.AddInMemoryCollection(SiloTestSettings.Defaults);
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["GameServer:Profile"] = "Development",
            ["Orleans:ClusterId"] = ClusterId,
            ["Orleans:ServiceId"] = ClusterId,
            ["Orleans:SiloPort"] = ports[index].SiloPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = ports[index].GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans:PrimarySiloPort"] = ports[0].SiloPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        builder.Logging.AddFilter(level => level >= LogLevel.Warning);
        FileLoggerProvider.AddIfRequested(builder.Logging, $"silo-{index}");
        var logs = new CapturedLogs();
        siloLogs.Enqueue(logs);
        builder.Logging.AddProvider(logs);
        builder.Services.AddSingleton(new GameClock(Clock));
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(10));
        builder.Services.AddSingleton<IJournalStore>(Ledger);
        builder.AddGameSilo();
        builder.AddGameLogging(); // trace ids through grain calls, and OTLP export when a test configures it, as a silo process has them
        builder.Services.AddKeyedSingleton<Orleans.Storage.IGrainStorage>(Orleans.Providers.ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME,
            (services, _) => new SharedGrainStorage(grainState, services.GetRequiredService<Orleans.Serialization.DeepCopier>()));

        configureSilo?.Invoke(builder);

        var host = builder.Build();
        await host.StartAsync();
        silos[index] = host;
    }

    public async Task StopSiloAsync(int index)
    {
        if (silos[index] is { } host)
        {
            silos[index] = null;
            await host.StopAsync();
            host.Dispose();
        }
    }

    /// <summary>Starts another real frontend connected to this cluster's gateways.</summary>
    public FrontendHost StartFrontend(IReadOnlyDictionary<string, string?>? extraSettings = null)
    {
        var frontendSettings = new Dictionary<string, string?>(settings)
        {
            ["GameServer:Profile"] = "Development",
            ["Orleans:ClusterId"] = ClusterId,
            ["Orleans:ServiceId"] = ClusterId,
            ["Auth:SigningKey"] = Convert.ToBase64String(SigningKey),
            ["Payments:Gateways:sandbox:Secret"] = SandboxGatewaySecret,
            ["Payments:Gateways:sandbox:CheckoutUrl"] = "https://sandbox.gateway.invalid/pay",

            // Every test logs in from 127.0.0.1; the per-address allowance has a test of its own.
            ["RateLimits:AuthPerAddress:PermitLimit"] = "100000",
        };
        for (var index = 0; index < ports.Length; index++)
        {
            frontendSettings[$"Orleans:Gateways:{index}"] = $"127.0.0.1:{ports[index].GatewayPort}";
        }

        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string?>())
        {
            frontendSettings[key] = value;
        }

        var frontend = new FrontendHost(frontendSettings);
        frontends.Add(frontend);
        return frontend;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var frontend in frontends)
        {
            await frontend.DisposeAsync();
        }

        for (var index = silos.Length - 1; index >= 0; index--)
        {
            await StopSiloAsync(index);
        }
    }
}
