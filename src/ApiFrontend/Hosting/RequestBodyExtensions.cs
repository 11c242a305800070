using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace GameServer.ApiFrontend.Hosting;

/// <summary>
/// Request bodies: how large each endpoint accepts (beyond it, 413 before anything is parsed) and
/// that a JSON body is UTF-8 (RFC 8259 §8.1), checked once before binding so no endpoint ever meets
/// text it cannot decode.
/// </summary>
public static class RequestBodyLimits
{
    /// <summary>Every endpoint without a limit of its own: the largest player request (a registration with a 128-character password, fully escaped) is under 2 KiB.</summary>
    public const long Default = 4 * 1024;

    /// <summary>Admin requests carry a reason of up to 500 characters.</summary>
    public const long Admin = 8 * 1024;

    /// <summary>Payment gateways' callbacks.</summary>
    public const long GatewayCallback = 64 * 1024;
}

/// <summary>The largest request body an endpoint accepts, in bytes; endpoint routing applies it to the request.</summary>
public sealed class BodySizeLimit(long bytes) : IRequestSizeLimitMetadata
{
    public long? MaxRequestBodySize { get; } = bytes;
}

/// <summary>Marks an endpoint that reads its body as raw bytes (a signed callback): it is not checked as UTF-8 JSON.</summary>
public sealed class RawBodyEndpoint;

public static class RequestBodyExtensions
{
    public static TBuilder WithBodyLimit<TBuilder>(this TBuilder endpoints, long bytes) where TBuilder : IEndpointConventionBuilder =>
        endpoints.WithMetadata(new BodySizeLimit(bytes));

    public static TBuilder ReadsRawBody<TBuilder>(this TBuilder endpoints) where TBuilder : IEndpointConventionBuilder =>
        endpoints.WithMetadata(new RawBodyEndpoint());

    public static WebApplicationBuilder AddRequestBodyLimits(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<KestrelServerOptions>(options => options.Limits.MaxRequestBodySize = RequestBodyLimits.Default);
        return builder;
    }

    /// <summary>
    /// Refuses (400) a JSON body that is not valid UTF-8, on every endpoint that binds one. The body is
    /// buffered (it is at most a few KiB, the endpoint's limit) and read again by the binder.
    /// </summary>
    public static WebApplication UseUtf8JsonBodies(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var endpoint = context.GetEndpoint();
            var bindsJson = endpoint?.Metadata.GetMetadata<IAcceptsMetadata>() is { } accepts
                && accepts.ContentTypes.Any(type => type.Contains("json", StringComparison.OrdinalIgnoreCase));
            if (bindsJson && endpoint!.Metadata.GetMetadata<RawBodyEndpoint>() is null && HasBody(context.Request))
            {
                context.Request.EnableBuffering();
                var valid = await IsUtf8Async(context.Request.Body, context.RequestAborted);
                context.Request.Body.Position = 0;
                if (!valid)
                {
                    throw GameServerException.Invalid("The request body must be JSON encoded as UTF-8 (RFC 8259 §8.1).");
                }
            }

            await next(context);
        });
        return app;
    }

    private static bool HasBody(HttpRequest request) => request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);

    private static async Task<bool> IsUtf8Async(Stream body, CancellationToken cancellationToken)
    {
        // Reading past the endpoint's limit throws Kestrel's 413 here, before any parsing.
        using var buffer = new MemoryStream();
        await body.CopyToAsync(buffer, cancellationToken);
        return System.Text.Unicode.Utf8.IsValid(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }
}
