using System.ComponentModel.DataAnnotations;
using GameServer.Hosting;

namespace GameServer.ApiFrontend.Hosting;

/// <summary>
/// The player web app (<c>/</c>) and the operator console (<c>/admin/</c>): static files from
/// <c>wwwroot</c>, no build step and no network but this server's own API and hub at run time.
/// Every page is served with a Content-Security-Policy that allows scripts, styles and connections
/// to this origin only (OWASP Content Security Policy Cheat Sheet), and HTML is revalidated on every
/// load so a new release reaches players at once.
/// </summary>
public static class WebAppExtensions
{
    public static WebApplicationBuilder AddWebApp(this WebApplicationBuilder builder)
    {
        builder.Services.AddGameOptions<WebAppOptions>(builder.Configuration, WebAppOptions.Section);
        return builder;
    }

    /// <summary>Scripts, styles, images and connections (fetch, the SignalR WebSocket) from this origin only; no inline script, no framing.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    public static WebApplication UseWebApp(this WebApplication app)
    {
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";

                // Revalidated on every load (a 304 when unchanged): a release, vendored libraries included, reaches players at once and never half.
                headers.CacheControl = "no-cache";
            },
        });
        return app;
    }
}

/// <summary>Settings of the web app and the operator console (section <c>WebApp</c>).</summary>
public sealed class WebAppOptions
{
    public const string Section = "WebApp";

    /// <summary>
    /// Where the console links to the Orleans Dashboard, e.g. <c>http://127.0.0.1:8081/dashboard/</c> (it is
    /// served by a silo, which the frontend cannot name by itself); no link when unset.
    /// </summary>
    [Url]
    public string? DashboardUrl { get; set; }
}
