using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace GameServer.LoadTest;

/// <summary>A bare Kestrel endpoint on loopback: the ceiling the bet endpoint is compared with in the same run.</summary>
public static class PlaintextServer
{
    public static async Task<int> RunAsync(Options options)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(options.Urls[0].ToString());
        var app = builder.Build();
        app.MapGet("/plaintext", () => Results.Text("Hello, World!"));
        await app.RunAsync();
        return 0;
    }
}
