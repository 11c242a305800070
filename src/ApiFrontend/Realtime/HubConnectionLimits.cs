using System.Collections.Concurrent;
using GameServer.ApiFrontend.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace GameServer.ApiFrontend.Realtime;

/// <summary>
/// Who may open a live connection. A token that is presented must be valid: an expired or forged one
/// is refused with 401 (the client logs in or refreshes), never taken as an anonymous watcher. Then
/// how many live connections this frontend holds per player and per anonymous address. A player is
/// counted as a player, not by address, so many players behind one carrier NAT or proxy each get
/// their own allowance; an anonymous watcher is counted by address, which a client cannot forge
/// (<see cref="TrustedProxyExtensions"/>). A connection over the limit is refused with 429 before
/// it is upgraded.
/// </summary>
public sealed partial class HubConnectionLimits(RequestDelegate next, IOptionsMonitor<RealtimeOptions> options, ILogger<HubConnectionLimits> logger)
{
    /// <summary>A refused client should not reconnect at once: its other connections close within seconds when they are stale.</summary>
    private const string RetryRefusedConnectionAfterSeconds = "5";

    private readonly ConcurrentDictionary<string, int> open = new(StringComparer.Ordinal);

    public async Task InvokeAsync(HttpContext context)
    {
        if (PresentsToken(context.Request) && !await HoldsUnexpiredToken(context))
        {
            await Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Authentication is required.",
                detail: "The access token is missing its signature, expired or not ours: log in again.").ExecuteAsync(context);
            return;
        }

        // A transport's connection is a GET that lasts as long as the connection (a WebSocket, an SSE
        // stream, a long poll); negotiation and long-polling sends are short POSTs.
        if (!HttpMethods.IsGet(context.Request.Method) || context.Request.Path.Value?.EndsWith("/negotiate", StringComparison.Ordinal) == true)
        {
            await next(context);
            return;
        }

        var (key, limit) = context.User.UserIdOrDefault() is { } userId
            ? ($"player:{userId}", options.CurrentValue.MaxConnectionsPerPlayer)
            : ($"address:{ClientAddresses.PartitionOf(context.Connection.RemoteIpAddress)}", options.CurrentValue.MaxConnectionsPerIp);
        if (open.AddOrUpdate(key, 1, (_, count) => count + 1) > limit)
        {
            Release(key);
            LogRefused(logger, key, limit);
            context.Response.Headers.RetryAfter = RetryRefusedConnectionAfterSeconds;
            await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many connections.",
                detail: $"At most {limit} live connections per {(key.StartsWith("player:", StringComparison.Ordinal) ? "player" : "address")}.").ExecuteAsync(context);
            return;
        }

        try
        {
            await next(context);
        }
        finally
        {
            Release(key);
        }
    }

    /// <summary>
    /// Valid and not yet expired: the bearer handler's clock-skew leeway would let an expired token
    /// open a connection that <see cref="Microsoft.AspNetCore.Http.Connections.HttpConnectionDispatcherOptions.CloseOnAuthenticationExpiration"/>
    /// then closes at once, over and over.
    /// </summary>
    private static async Task<bool> HoldsUnexpiredToken(HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated != true)
        {
            return false;
        }

        var authenticated = await context.AuthenticateAsync();
        return authenticated.Properties?.ExpiresUtc is not { } expires || expires > DateTimeOffset.UtcNow;
    }

    private static bool PresentsToken(HttpRequest request) =>
        request.Query.ContainsKey("access_token") || request.Headers.Authorization.Count > 0;

    private void Release(string key)
    {
        if (open.AddOrUpdate(key, 0, (_, count) => Math.Max(0, count - 1)) == 0)
        {
            open.TryRemove(new KeyValuePair<string, int>(key, 0));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a live connection of {Key}: {Limit} already open")]
    private static partial void LogRefused(ILogger logger, string key, int limit);
}
