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
        builder.Services.AddSingleton<DashboardAdminGate>();
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
        // The dashboard exposes grain internals: in Production it is for admins only; in Development the
        // silo listens on loopback and the dashboard is open there.
        // A middleware on the path, not an endpoint filter: the dashboard's endpoints are plain request
        // delegates, which endpoint filters never run for.
        if (app.Configuration.GetHostingProfile() == HostingProfile.Production)
        {
            var gate = app.Services.GetRequiredService<DashboardAdminGate>();
            app.UseWhen(context => context.Request.Path.StartsWithSegments(DashboardPath), dashboard => dashboard.Use(gate.InvokeAsync));
        }

        app.MapOrleansDashboard(routePrefix: DashboardPath);

        app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready") });
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }
}
