using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orleans.Diagnostics;

namespace GameServer.Hosting;

/// <summary>
/// How every process of the service logs and traces: one JSON object per line on stdout carrying the
/// trace id and the <see cref="LogIds"/> of what a line is about, and traces exported over OTLP only
/// when an endpoint is configured. docs/OPERATIONS.md ("Logs") describes the fields and settings.
/// </summary>
public static class LoggingExtensions
{
    /// <summary>The standard OpenTelemetry setting (an environment variable or a configuration key) that turns trace export on.</summary>
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The standard OpenTelemetry setting naming the service in exported traces; the application name when unset.</summary>
    public const string ServiceNameSetting = "OTEL_SERVICE_NAME";

    /// <summary>UTC to the millisecond, as ISO 8601: sortable as text and read by every log store.</summary>
    private const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>
    /// Console lines as JSON (<c>Logging:Console:FormatterName</c>, <c>json</c> unless the environment is
    /// Development, where it stays the readable <c>simple</c> text), with scopes, UTC timestamps and the
    /// current activity's trace and span ids on every line; the trace carried through grain calls; and,
    /// when <see cref="OtlpEndpointSetting"/> is set, ASP.NET Core and grain-call traces exported over OTLP.
    /// Without that setting no tracer is registered at all.
    /// </summary>
    public static IHostApplicationBuilder AddGameLogging(this IHostApplicationBuilder builder)
    {
        builder.Logging.Configure(options =>
            options.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);

        // After the configuration is bound: a FormatterName configured is kept, an absent one gets the default.
        var defaultFormat = builder.Environment.IsDevelopment() ? ConsoleFormatterNames.Simple : ConsoleFormatterNames.Json;
        builder.Services.Configure<ConsoleLoggerOptions>(options => options.FormatterName ??= defaultFormat);

        // What makes the lines machine-readable is not left to configuration: one line per event, ids included.
        // Log stores and people read the lines, no browser renders them: quotes, '<' and non-ASCII text stay
        // as they are (grep finds 'PlaceBet'), while control characters are still escaped.
        builder.Services.Configure<JsonConsoleFormatterOptions>(options =>
        {
            options.IncludeScopes = true;
            options.UseUtcTimestamp = true;
            options.TimestampFormat = TimestampFormat;
            options.JsonWriterOptions = options.JsonWriterOptions with { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        });

        if (string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointSetting]))
        {
            builder.Services.AddHostedService<GrainCallTracePropagation>();
        }
        else
        {
            builder.AddOtlpTracing();
        }

        return builder;
    }

    /// <summary>
    /// Requests and grain calls traced and exported with the OTLP exporter, which reads the standard
    /// <c>OTEL_EXPORTER_OTLP_*</c> settings (endpoint, protocol, headers) and <c>OTEL_TRACES_SAMPLER</c>.
    /// </summary>
    private static void AddOtlpTracing(this IHostApplicationBuilder builder)
    {
        var applicationName = builder.Environment.ApplicationName;
        var namedByConfiguration = !string.IsNullOrWhiteSpace(builder.Configuration[ServiceNameSetting]);
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource =>
            {
                if (!namedByConfiguration)
                {
                    resource.AddService(applicationName);
                }
            })
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !IsProbe(context.Request.Path))
                .AddSource(ActivitySources.ApplicationGrainActivitySourceName)
                .AddOtlpExporter());
    }

    /// <summary>Health checks and metric scrapes come every few seconds from machines; a trace of each would drown the players' requests.</summary>
    private static bool IsProbe(PathString path) => path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics");
}
