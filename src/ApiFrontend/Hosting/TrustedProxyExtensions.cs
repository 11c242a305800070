using System.Net;
using GameServer.Hosting;
using Microsoft.AspNetCore.HttpOverrides;

namespace GameServer.ApiFrontend.Hosting;

/// <summary>
/// The <c>ForwardedHeaders</c> section: the reverse proxies or load balancers in front of this
/// frontend. Only a request that arrives from one of them has its <c>X-Forwarded-For</c> believed;
/// from anywhere else the header is ignored, so a client cannot choose the address its limits are
/// counted under. Nothing is trusted unless configured (not even loopback).
/// </summary>
public sealed class TrustedProxyOptions
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Proxy addresses, e.g. <c>10.0.0.5</c>.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR notation, e.g. <c>10.0.0.0/8</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>How many proxies deep to read <c>X-Forwarded-For</c> (one per trusted hop).</summary>
    public int ForwardLimit { get; set; } = 1;
}

public static class TrustedProxyExtensions
{
    public static WebApplicationBuilder AddTrustedProxies(this WebApplicationBuilder builder)
    {
        var settings = builder.AddGameOptions<TrustedProxyOptions>(TrustedProxyOptions.Section);
        builder.Services.AddSingleton(settings);
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = settings.ForwardLimit;

            // ASP.NET Core trusts loopback by default; here trust is only ever configured.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in settings.KnownProxies)
            {
                options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address)
                    ? address
                    : throw new InvalidOperationException($"{TrustedProxyOptions.Section}:KnownProxies entry '{proxy}' is not an IP address."));
            }

            foreach (var network in settings.KnownNetworks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed)
                    ? parsed
                    : throw new InvalidOperationException($"{TrustedProxyOptions.Section}:KnownNetworks entry '{network}' is not a CIDR network such as 10.0.0.0/8."));
            }
        });
        return builder;
    }

    /// <summary>
    /// First in the pipeline: every later step (rate limits, connection limits, logs) sees the client's
    /// address. With no proxy configured the middleware is left out altogether: given empty lists,
    /// ASP.NET Core's forwarded-headers middleware believes every sender.
    /// </summary>
    public static WebApplication UseTrustedProxies(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<TrustedProxyOptions>();
        if (settings.KnownProxies.Count > 0 || settings.KnownNetworks.Count > 0)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }
}
