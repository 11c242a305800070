using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace GameServer.Testing;

/// <summary>
/// Real silo processes (<c>dotnet GameServer.Silo.dll</c>) in the Production profile on MariaDB, as
/// scripts/cluster-up.sh starts them, and an Orleans client that finds them through the membership
/// table. A silo can be killed like a crashed machine, or told to stop as an orchestrator does.
/// </summary>
public sealed class ProcessCluster : IAsyncDisposable
{
    private readonly Process?[] silos;
    private readonly int?[] exitCodes;
    private readonly (int Silo, int Gateway, int Http)[] ports;
    private readonly string connectionString;
    private readonly IReadOnlyDictionary<string, string> settings;
    private readonly string logDirectory;
    private IHost? clientHost;

    /// <param name="clusterId">The cluster and service id; a new one unless given (e.g. to start a cluster on a restored copy of another's database, where its grain state and reminders are kept under its service id).</param>
    /// <param name="settings">Configuration every silo gets on top of the tests' defaults, by key (<c>Section:Name</c>).</param>
    public ProcessCluster(string connectionString, int siloCount, string? clusterId = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        this.connectionString = connectionString;
        this.settings = settings ?? new Dictionary<string, string>();
        ClusterId = clusterId ?? $"it-{Guid.NewGuid():N}"[..20];
        silos = new Process?[siloCount];
        exitCodes = new int?[siloCount];
        ports = Enumerable.Range(0, siloCount).Select(_ => (TestPorts.Free(), TestPorts.Free(), TestPorts.Free())).ToArray();
        logDirectory = Path.Combine(Path.GetTempPath(), "gameserver-tests", ClusterId);
        Directory.CreateDirectory(logDirectory);
    }

    public string ClusterId { get; }

    /// <summary>The admin account every silo of this cluster ensures at start.</summary>
    public const string AdminPhoneNumber = "9000000001";
    public const string AdminPassword = "integration-admin-password";

    /// <summary>The key the silos seal day secrets with (Fairness:SeedSecretKey): fixed, as the test database outlives a run.</summary>
    public static readonly byte[] SeedSecretKey = Enumerable.Range(0, 32).Select(i => (byte)(255 - i)).ToArray();

    /// <summary>The key the silos seal payout destinations with (Wallet:PayoutSealingKey): fixed, as the test database outlives a run.</summary>
    public static readonly byte[] PayoutSealingKey = Enumerable.Range(0, 32).Select(i => (byte)(7 * i + 3)).ToArray();

    /// <summary>Where silo <paramref name="index"/> serves its dashboard, health and metrics, e.g. http://127.0.0.1:21234/.</summary>
    public Uri HttpAddress(int index) => new($"http://127.0.0.1:{ports[index].Http}/");

    public IClusterClient Client => clientHost?.Services.GetRequiredService<IClusterClient>() ?? throw new InvalidOperationException("Connect first.");

    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Orleans.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Orleans.sln not found above the test binaries.");
    }

    /// <summary>The silo built in the same configuration as these tests.</summary>
    public static string SiloAssembly()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        return Path.Combine(RepositoryRoot(), "src", "Silo", "bin", configuration, "net10.0", "GameServer.Silo.dll");
    }

    /// <summary>
    /// Starts every silo and connects the client, for a test class's set-up: if that fails, the silos started so
    /// far are stopped before the exception goes on (xunit does not dispose a class whose set-up failed, and no
    /// silo process may outlive it).
    /// </summary>
    public async Task StartConnectedAsync()
    {
        try
        {
            await StartAllAsync();
            await ConnectClientAsync();
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async Task StartAllAsync()
    {
        for (var index = 0; index < silos.Length; index++)
        {
            Start(index);
        }

        await Task.WhenAll(Enumerable.Range(0, silos.Length).Select(WaitReadyAsync));
    }

    public void Start(int index)
    {
        var info = new ProcessStartInfo("dotnet", [SiloAssembly(), "--urls", $"http://127.0.0.1:{ports[index].Http}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(SiloAssembly()),
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["GameServer__Profile"] = "Production";
        info.Environment["ConnectionStrings__GameServer"] = connectionString;
        info.Environment["Orleans__ClusterId"] = ClusterId;
        info.Environment["Orleans__ServiceId"] = ClusterId;
        info.Environment["Orleans__SiloPort"] = ports[index].Silo.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["Orleans__GatewayPort"] = ports[index].Gateway.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["Orleans__Membership__ProbeTimeout"] = "00:00:01";
        info.Environment["Orleans__Membership__NumMissedProbesLimit"] = "2";
        info.Environment["Orleans__Membership__NumVotesForDeathDeclaration"] = "1";
        info.Environment["Orleans__Membership__TableRefreshTimeout"] = "00:00:02";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Admin__PhoneNumber"] = AdminPhoneNumber;
        info.Environment["Admin__Password"] = AdminPassword;
        info.Environment["Fairness__SeedSecretKey"] = Convert.ToBase64String(SeedSecretKey);
        info.Environment["Wallet__PayoutSealingKey"] = Convert.ToBase64String(PayoutSealingKey);
        foreach (var (key, value) in SiloTestSettings.Defaults)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        // The test database starts with no chain published a day ahead; the archive marks these days late.
        info.Environment["Fairness__AcceptLateChains"] = "true";
        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        var log = Path.Combine(logDirectory, $"silo-{index}.log");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (silos) { File.AppendAllText(log, e.Data + Environment.NewLine); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (silos) { File.AppendAllText(log, e.Data + Environment.NewLine); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        silos[index] = process;
    }

    public async Task WaitReadyAsync(int index)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (silos[index] is { HasExited: true } exited)
            {
                throw new InvalidOperationException($"Silo {index} exited with {exited.ExitCode}; see {logDirectory}.");
            }

            try
            {
                using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{ports[index].Http}/health/ready"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"Silo {index} was not ready within 60 s; see {logDirectory}.");
    }

    /// <summary>
    /// Tells silo <paramref name="index"/> to stop as an orchestrator or scripts/cluster-rolling-restart.sh does
    /// (SIGTERM) and waits for the process to exit; returns how long it took. Past <paramref name="bound"/> it is
    /// killed and the wait throws.
    /// </summary>
    /// <exception cref="TimeoutException">The silo was still running after <paramref name="bound"/>.</exception>
    public async Task<TimeSpan> TerminateAsync(int index, TimeSpan bound)
    {
        var process = silos[index] ?? throw new InvalidOperationException($"Silo {index} is not running.");
        var clock = Stopwatch.StartNew();
        // bash's own kill: the kill program (procps) is not on every minimal image.
        using (var signal = Process.Start("bash", ["-c", $"kill -TERM {process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}"])!)
        {
            await signal.WaitForExitAsync();
        }

        using var deadline = new CancellationTokenSource(bound);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            Kill(index);
            throw new TimeoutException($"Silo {index} did not stop within {bound} of SIGTERM; see {logDirectory}.");
        }

        var took = clock.Elapsed;
        exitCodes[index] = process.ExitCode;
        process.Dispose();
        silos[index] = null;
        return took;
    }

    /// <summary>The exit status of silo <paramref name="index"/>'s last process stopped by <see cref="TerminateAsync"/> (137: killed), null before.</summary>
    public int? LastExitCode(int index) => exitCodes[index];

    /// <summary>Ends the process at once, as a crash would: no graceful leave from the cluster.</summary>
    public void Kill(int index)
    {
        if (silos[index] is { } process)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            process.WaitForExit();
            process.Dispose();
            silos[index] = null;
        }
    }

    public void KillAll()
    {
        for (var index = 0; index < silos.Length; index++)
        {
            Kill(index);
        }
    }

    public async Task ConnectClientAsync()
    {
        if (clientHost is not null)
        {
            await clientHost.StopAsync();
            clientHost.Dispose();
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(options => (options.ClusterId, options.ServiceId) = (ClusterId, ClusterId));
            client.UseAdoNetClustering(options => (options.Invariant, options.ConnectionString) = (GameServer.Hosting.GameDatabase.Invariant, connectionString));
            client.Configure<GatewayOptions>(options => options.GatewayListRefreshPeriod = TimeSpan.FromSeconds(2));
            client.AddMemoryStreams(GameStreams.ProviderName);
        });
        clientHost = builder.Build();
        await clientHost.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        // Whatever the client does on its way out, no silo process may outlive the tests.
        try
        {
            if (clientHost is not null)
            {
                try
                {
                    await clientHost.StopAsync(new CancellationTokenSource(TimeSpan.FromSeconds(5)).Token);
                }
                catch (OperationCanceledException)
                {
                }

                clientHost.Dispose();
            }
        }
        finally
        {
            KillAll();
        }
    }
}
