using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GameServer.Testing;

/// <summary>
/// The real ApiFrontend on Kestrel at 127.0.0.1 on a free port, a separate Orleans client of a
/// <see cref="LocalCluster"/>. Tests talk to it over TCP as any client would.
/// </summary>
// Any type of the frontend's assembly names its entry point; the silo has a Program too.
public sealed class FrontendHost : WebApplicationFactory<GameServer.ApiFrontend.Realtime.GameHub>
{
    private readonly IReadOnlyDictionary<string, string?> settings;

    internal FrontendHost(IReadOnlyDictionary<string, string?> settings)
    {
        this.settings = settings;
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
    }

    /// <summary>Where this frontend listens, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The warnings and errors this frontend logged.</summary>
    public CapturedLogs Logs { get; } = new();

    /// <summary>A plain HTTP client that reaches the frontend over loopback TCP.</summary>
    public HttpClient CreateHttpClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        // This process runs every test: a frontend's stop must never end it.
        builder.UseSetting("Shutdown:EndProcessWhenOverdue", "false");
        builder.ConfigureLogging(logging =>
        {
            FileLoggerProvider.AddIfRequested(logging, "frontend");
            logging.AddProvider(Logs);
        });
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
