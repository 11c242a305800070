using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace GameServer.Hosting;

/// <summary>
/// What every process of the service (silo and frontend) has alike: health checks, metrics for
/// Prometheus, JSON logs and optional OTLP traces (<see cref="LoggingExtensions"/>), and options bound
/// once each and validated at start. Shaped after eShop's ServiceDefaults.
/// </summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>The tag of the checks <c>/health/ready</c> runs.</summary>
    internal const string ReadyTag = "ready";

    /// <summary>
    /// Health checks (ready once the cluster answers a grain call from here) and OpenTelemetry metrics
    /// (ASP.NET Core, .NET runtime, Orleans, <see cref="GameServerMetrics"/>, MySqlConnector's connection
    /// pools, and <paramref name="extraMeters"/>) exported for Prometheus; logs and traces as
    /// <see cref="LoggingExtensions.AddGameLogging"/> sets them up.
    /// </summary>
    public static IHostApplicationBuilder AddGameServiceDefaults(this IHostApplicationBuilder builder, params string[] extraMeters)
    {
        builder.AddGameLogging();
        builder.Services.AddHealthChecks().AddCheck<ClusterReadinessCheck>("cluster", tags: [ReadyTag]);
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            // MySqlConnector's pool gauges (db_client_connections_usage / _max) feed the pool-use alert;
            // a process without a database (Development) simply exports none.
            .AddMeter([GameServerMetrics.MeterName, "Microsoft.Orleans", "MySqlConnector", .. extraMeters])
            .AddPrometheusExporter());
        return builder;
    }

    /// <summary>
    /// <c>/health/live</c> (the process answers), <c>/health/ready</c> (the cluster answers) and
    /// <c>/metrics</c> (Prometheus text exposition); none of them is part of the public API document.
    /// </summary>
    public static WebApplication MapGameDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).ExcludeFromDescription();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) }).ExcludeFromDescription();
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }

    /// <summary>
    /// Binds <typeparamref name="TOptions"/> to <paramref name="section"/> once, as <c>IOptions</c>,
    /// checked against its data annotations when the host starts: a wrong setting stops the process
    /// at start, naming the setting, instead of failing at first use.
    /// </summary>
    public static OptionsBuilder<TOptions> AddGameOptions<TOptions>(this IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class =>
        services.AddOptions<TOptions>().Bind(configuration.GetSection(section)).ValidateDataAnnotations().ValidateOnStart();

    /// <summary>
    /// As <see cref="AddGameOptions{TOptions}(IServiceCollection, IConfiguration, string)"/>, and returns
    /// the value for wiring that must happen before the host is built (ports, cluster ids, limits of a
    /// hub); it is validated now as well.
    /// </summary>
    /// <exception cref="OptionsValidationException">A setting breaks one of the options' annotations.</exception>
    public static TOptions AddGameOptions<TOptions>(this IHostApplicationBuilder builder, string section)
        where TOptions : class, new()
    {
        builder.Services.AddGameOptions<TOptions>(builder.Configuration, section);
        var value = builder.Configuration.GetSection(section).Get<TOptions>() ?? new TOptions();
        var result = new DataAnnotationValidateOptions<TOptions>(Options.DefaultName).Validate(Options.DefaultName, value);
        return result.Failed ? throw new OptionsValidationException(Options.DefaultName, typeof(TOptions), result.Failures) : value;
    }
}
