using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using GameServer.Limits;
using GameServer.Players;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace GameServer.Silo.Hosting;

/// <summary>The <c>Dashboard</c> section: how admins sign in to a Production silo's dashboard.</summary>
public sealed class DashboardSignInOptions
{
    public const string Section = "Dashboard";

    /// <summary>How long accepted credentials are remembered (the dashboard polls every second; each check would hash).</summary>
    public TimeSpan RememberCredentialsFor { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Password checks per admin account in <see cref="AttemptWindow"/> (OWASP: limit authentication attempts).</summary>
    public int AttemptsPerAccount { get; set; } = 10;

    /// <summary>Password checks per client address in <see cref="AttemptWindow"/>; higher, since a proxy may put admins behind one address.</summary>
    public int AttemptsPerAddress { get; set; } = 30;

    public TimeSpan AttemptWindow { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>
/// HTTP Basic authentication (RFC 7617) for the Orleans Dashboard of a Production silo: an admin
/// account's phone number and password, checked through the phone index without recording a login.
/// Only admins are authenticated; anyone else gets the same 401 as a wrong password, so the dashboard
/// tells nobody whether a player's password is right. Accepted credentials are remembered by their
/// SHA-256 for a few minutes, and the account's role is read again on every request, so a demoted
/// admin is refused at once. Password checks are rate-limited per account and per address, cluster-wide
/// (429). Serve the dashboard over TLS: Basic credentials are only encoded.
/// </summary>
public sealed partial class DashboardSignIn(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggers,
    UrlEncoder encoder,
    IGrainFactory grains,
    IOptions<DashboardSignInOptions> settings,
    IOptions<PhoneNumberOptions> phoneNumbers) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggers, encoder)
{
    public const string SchemeName = "DashboardBasic";
    public const string AdminPolicy = "dashboard-admin";
    private const string TooManyAttempts = nameof(DashboardSignIn) + ".too-many";

    private static readonly ConcurrentDictionary<string, (long UserId, DateTimeOffset Until)> Remembered = new(StringComparer.Ordinal);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) || header.Parameter is null)
        {
            return AuthenticateResult.NoResult();
        }

        var now = TimeProvider.GetUtcNow();
        var fingerprint = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(header.Parameter)));
        if (Remembered.TryGetValue(fingerprint, out var remembered) && remembered.Until > now)
        {
            return await AdminOnly(await grains.GetGrain<IUserGrain>(remembered.UserId).GetProfile());
        }

        if (!TryDecode(header.Parameter, out var phone, out var password)
            || !PhoneNumberRules.TryCanonicalize(phone, phoneNumbers.Value.DefaultRegion, out var e164, out _))
        {
            return AuthenticateResult.Fail("Malformed credentials.");
        }

        if (!await WithinAttempts($"account:{e164}", settings.Value.AttemptsPerAccount) || !await WithinAttempts($"address:{AddressOf(Context)}", settings.Value.AttemptsPerAddress))
        {
            Context.Items[TooManyAttempts] = true;
            return AuthenticateResult.Fail("Too many sign-in attempts.");
        }

        try
        {
            var user = await grains.GetGrain<IPhoneIndexGrain>(PlayerKeys.Phone(e164)).Authenticate(password);
            var result = await AdminOnly(user);
            if (result.Succeeded)
            {
                Remembered[fingerprint] = (user.UserId, now + settings.Value.RememberCredentialsFor);
            }

            return result;
        }
        catch (GameServerException refused) when (refused.Kind == ErrorKind.Unauthorized)
        {
            LogRefused(Logger, AddressOf(Context));
            return AuthenticateResult.Fail("Wrong credentials.");
        }
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items.ContainsKey(TooManyAttempts))
        {
            Response.Headers.RetryAfter = ((int)settings.Value.AttemptWindow.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many sign-in attempts.").ExecuteAsync(Context);
            return;
        }

        Response.Headers.WWWAuthenticate = "Basic realm=\"Orleans Dashboard\", charset=\"UTF-8\"";
        await Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign in as an admin.").ExecuteAsync(Context);
    }

    private static Task<AuthenticateResult> AdminOnly(UserProfile user)
    {
        if (user.Role != UserRole.Admin)
        {
            return Task.FromResult(AuthenticateResult.Fail("Wrong credentials."));
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, user.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture)), new Claim(ClaimTypes.Role, "admin")],
            SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    private async Task<bool> WithinAttempts(string partition, int attempts) =>
        (await grains.GetGrain<IRateLimiterGrain>(RateLimitKeys.For("dashboard", partition)).TryAcquire(attempts, settings.Value.AttemptWindow)).Allowed;

    /// <summary>The client's address, an IPv6 client by its /64 (one subscriber's usual allocation, RFC 6177).</summary>
    private static string AddressOf(HttpContext context) => context.Connection.RemoteIpAddress switch
    {
        null => "unknown",
        { IsIPv4MappedToIPv6: true } mapped => mapped.MapToIPv4().ToString(),
        { AddressFamily: System.Net.Sockets.AddressFamily.InterNetworkV6 } v6 => $"{new IPAddress([.. v6.GetAddressBytes().AsSpan(0, 8), .. new byte[8]])}/64",
        var v4 => v4.ToString(),
    };

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
