using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using GameServer.Limits;
using GameServer.Players;
using Microsoft.Extensions.Options;

namespace GameServer.Silo.Hosting;

/// <summary>
/// In Production the Orleans Dashboard (grain internals, every silo's load) is for admins only: HTTP
/// Basic authentication (RFC 7617) with an admin account's phone number and password, which the silo
/// checks through the same phone index and user grains as a login. The dashboard polls every second,
/// so an accepted credential is remembered (as its SHA-256) for a few minutes instead of hashing the
/// password each time; checks that do hash are rate-limited per address, cluster-wide. Serve it over
/// TLS (the reverse proxy's): Basic credentials are only encoded.
/// </summary>
public sealed partial class DashboardAdminGate(IGrainFactory grains, IOptions<PhoneNumberOptions> phoneNumbers, ILogger<DashboardAdminGate> logger)
{
    private const string Realm = "Basic realm=\"Orleans Dashboard\", charset=\"UTF-8\"";
    private static readonly TimeSpan RememberFor = TimeSpan.FromMinutes(5);

    /// <summary>Password checks one address may ask for in <see cref="CheckWindow"/> (OWASP: limit authentication attempts).</summary>
    private const int ChecksPerWindow = 10;
    private static readonly TimeSpan CheckWindow = TimeSpan.FromMinutes(15);

    private readonly ConcurrentDictionary<string, DateTimeOffset> accepted = new(StringComparer.Ordinal);

    /// <summary>Passes an admin's request on to the dashboard; otherwise answers 401 (with a Basic challenge), 403 or 429.</summary>
    public async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        if (!AuthenticationHeaderValue.TryParse(http.Request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) || header.Parameter is null)
        {
            await Challenge(http);
            return;
        }

        var fingerprint = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(header.Parameter)));
        if (accepted.TryGetValue(fingerprint, out var until) && until > DateTimeOffset.UtcNow)
        {
            await next(http);
            return;
        }

        var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var allowance = await grains.GetGrain<IRateLimiterGrain>(RateLimitKeys.For("dashboard", address)).TryAcquire(ChecksPerWindow, CheckWindow);
        if (!allowance.Allowed)
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(allowance.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many sign-in attempts.").ExecuteAsync(http);
            return;
        }

        if (!TryDecode(header.Parameter, out var phone, out var password)
            || !PhoneNumberRules.TryCanonicalize(phone, phoneNumbers.Value.DefaultRegion, out var e164, out _))
        {
            await Challenge(http);
            return;
        }

        UserProfile user;
        try
        {
            user = await grains.GetGrain<IPhoneIndexGrain>(PlayerKeys.Phone(e164)).Login(password);
        }
        catch (GameServerException refused) when (refused.Kind == ErrorKind.Unauthorized)
        {
            LogRefused(logger, address);
            await Challenge(http);
            return;
        }

        if (user.Role != UserRole.Admin)
        {
            await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "The dashboard is for admins.").ExecuteAsync(http);
            return;
        }

        accepted[fingerprint] = DateTimeOffset.UtcNow + RememberFor;
        await next(http);
    }

    private static Task Challenge(HttpContext http)
    {
        http.Response.Headers.WWWAuthenticate = Realm;
        return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign in as an admin.").ExecuteAsync(http);
    }

    private static bool TryDecode(string parameter, out string phone, out string password)
    {
        (phone, password) = ("", "");
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(parameter));
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                return false;
            }

            (phone, password) = (text[..colon], text[(colon + 1)..]);
            return PlayerRules.PasswordProblem(password) is null;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a dashboard sign-in from {Address}")]
    private static partial void LogRefused(ILogger logger, string address);
}
