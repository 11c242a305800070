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
        // The dashboard exposes grain internals; outside Development only loopback callers reach it
        // until the admin-authenticated route lands with the production profile.
        var dashboard = app.MapOrleansDashboard(routePrefix: DashboardPath);
        if (app.Configuration.GetHostingProfile() == HostingProfile.Production)
        {
            dashboard.AddEndpointFilter(LoopbackOnly);
        }

        app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready") });
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }

    private static async ValueTask<object?> LoopbackOnly(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var remote = context.HttpContext.Connection.RemoteIpAddress;
        return remote is not null && System.Net.IPAddress.IsLoopback(remote)
            ? await next(context)
            : Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "The dashboard is only served to loopback callers.");
    }
}
