using GameServer.Hosting;
using OpenTelemetry.Metrics;
using Orleans.Dashboard;

namespace GameServer.Silo.Hosting;

public static class DashboardExtensions
{
    public const string DashboardPath = "/dashboard";

    public static WebApplicationBuilder AddSiloDashboard(this WebApplicationBuilder builder)
    {
        builder.UseOrleans(silo => silo.AddDashboard());
        builder.Services.Configure<GameServer.Players.PhoneNumberOptions>(builder.Configuration.GetSection(GameServer.Players.PhoneNumberOptions.Section));
        builder.Services.Configure<DashboardSignInOptions>(builder.Configuration.GetSection(DashboardSignInOptions.Section));
        builder.Services.AddAuthentication().AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, DashboardSignIn>(DashboardSignIn.SchemeName, null);
        builder.Services.AddAuthorizationBuilder().AddPolicy(DashboardSignIn.AdminPolicy, policy => policy
            .AddAuthenticationSchemes(DashboardSignIn.SchemeName).RequireAuthenticatedUser().RequireRole("admin"));
        builder.Services.AddHealthChecks().AddCheck<SiloReadinessCheck>("silo", tags: ["ready"]);
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            .AddMeter(GameServerMetrics.MeterName, "Microsoft.Orleans")
            .AddPrometheusExporter());
        return builder;
    }

    public static WebApplication MapSiloEndpoints(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();

        // The dashboard exposes grain internals: in Production it is for admins only; in Development the
        // silo listens on loopback and the dashboard is open there.
        // Every dashboard endpoint (the page, its scripts, its API) requires an admin in Production.
        var dashboard = app.MapOrleansDashboard(routePrefix: DashboardPath);
        if (app.Configuration.GetHostingProfile() == HostingProfile.Production)
        {
            dashboard.RequireAuthorization(DashboardSignIn.AdminPolicy);
        }

        app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready") });
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }
}
