using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authorization;
using GameServer.Hosting;
using GameServer.Players;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace GameServer.ApiFrontend.Hosting;

/// <summary>The <c>Auth</c> section: how player tokens are signed and checked.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>RFC 8725 §3.5: an HMAC key as long as the hash output (256 bits).</summary>
    public const int MinimumKeyBytes = 32;

    public string Issuer { get; set; } = "game-server";
    public string Audience { get; set; } = "game-clients";

    /// <summary>Base64 of at least 32 random bytes, the same on every frontend.</summary>
    public string? SigningKey { get; set; }

    /// <summary>How long an access token is good for; the refresh token renews it without the password (SPEC §4).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>
/// Who may call an endpoint (SPEC §7). <see cref="Player"/>: any signed-in account. The staff policies check the
/// account's role as it is now, not only as the token says (a demoted or suspended staff member's token stops
/// working at once): <see cref="Staff"/> admin, finance or support; <see cref="Finance"/> admin or finance;
/// <see cref="Admin"/> admin only.
/// </summary>
public static class AuthPolicies
{
    public const string Player = "player";
    public const string Staff = "staff";
    public const string Finance = "finance";
    public const string Admin = "admin";
}

public static class PlayerClaims
{
    public const string UserIdType = JwtRegisteredClaimNames.Sub;
    public const string RoleType = "role";
    public const string VipLevelType = "vip";

    public static long UserId(this ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(UserIdType), out var id) ? id : throw GameServerException.Unauthorized("The token names no user.");

    public static long? UserIdOrDefault(this ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(UserIdType), out var id) ? id : null;

    public static int VipLevel(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(VipLevelType), out var level) ? level : 0;

    /// <summary>
    /// What only the player themself and staff may read (SPEC §7): Forbidden (403) for anyone else, naming
    /// <paramref name="what"/>. Staff are checked by their role now (<see cref="StaffRoles.CurrentStaffRoleAsync"/>).
    /// </summary>
    public static async Task RequireSelfOrStaffAsync(this ClaimsPrincipal user, long userId, string what, IGrainFactory grains, HttpContext? context = null)
    {
        if (user.UserId() != userId && await StaffRoles.CurrentStaffRoleAsync(user, grains, context) is null)
        {
            throw GameServerException.Forbidden($"Only the player and staff may read {what}.");
        }
    }
}

public static partial class AuthExtensions
{
    public static WebApplicationBuilder AddPlayerAuth(this WebApplicationBuilder builder)
    {
        var options = builder.AddGameOptions<AuthOptions>(AuthOptions.Section);
        var (key, generated) = SigningKey(options, builder.Configuration.GetHostingProfile());
        builder.Services.AddSingleton(new SigningKeyOrigin(generated));
        var tokens = new TokenIssuer(options, key);
        builder.Services.AddSingleton(tokens);

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(jwt =>
        {
            jwt.MapInboundClaims = false;
            jwt.TokenValidationParameters = tokens.ValidationParameters;
            jwt.Events = new JwtBearerEvents
            {
                // SignalR's WebSocket transport cannot send headers: the token comes in the query string.
                OnMessageReceived = context =>
                {
                    var token = context.Request.Query["access_token"];
                    if (!string.IsNullOrEmpty(token) && context.HttpContext.Request.Path.StartsWithSegments("/hubs"))
                    {
                        context.Token = token;
                    }

                    return Task.CompletedTask;
                },
            };
        });
        builder.Services.AddSingleton<IAuthorizationHandler, CurrentStaffRoleHandler>();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AuthPolicies.Player, policy => policy.RequireAuthenticatedUser())
            .AddPolicy(AuthPolicies.Staff, policy => policy.RequireAuthenticatedUser().AddRequirements(new CurrentStaffRoleRequirement(UserRoles.Staff)))
            .AddPolicy(AuthPolicies.Finance, policy => policy.RequireAuthenticatedUser().AddRequirements(new CurrentStaffRoleRequirement(UserRoles.Finance)))
            .AddPolicy(AuthPolicies.Admin, policy => policy.RequireAuthenticatedUser().AddRequirements(new CurrentStaffRoleRequirement(UserRoles.Admin)));
        return builder;
    }

    private static (SymmetricSecurityKey Key, bool Generated) SigningKey(AuthOptions options, HostingProfile profile)
    {
        if (string.IsNullOrWhiteSpace(options.SigningKey))
        {
            if (profile == HostingProfile.Production)
            {
                throw new InvalidOperationException(
                    $"Auth:SigningKey is required in Production: base64 of at least {AuthOptions.MinimumKeyBytes} random bytes, the same on every frontend.");
            }

            return (new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(AuthOptions.MinimumKeyBytes)), true);
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(options.SigningKey);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException("Auth:SigningKey must be base64.");
        }

        return bytes.Length >= AuthOptions.MinimumKeyBytes
            ? (new SymmetricSecurityKey(bytes), false)
            : throw new InvalidOperationException($"Auth:SigningKey must hold at least {AuthOptions.MinimumKeyBytes} bytes.");
    }

    public static WebApplication UsePlayerAuth(this WebApplication app)
    {
        if (app.Services.GetRequiredService<SigningKeyOrigin>().Generated)
        {
            LogGeneratedKey(app.Logger);
        }

        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No Auth:SigningKey configured: this frontend generated a random one. Tokens it issues are valid only here and only until it stops; configure a shared key to run several frontends.")]
    private static partial void LogGeneratedKey(ILogger logger);
}

/// <summary>Issues and describes the validation of player tokens (HS256 only, RFC 8725).</summary>
public sealed class TokenIssuer(AuthOptions options, SymmetricSecurityKey key)
{
    private readonly JsonWebTokenHandler handler = new();

    public TokenValidationParameters ValidationParameters { get; } = new()
    {
        ValidIssuer = options.Issuer,
        ValidAudience = options.Audience,
        IssuerSigningKey = key,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidateLifetime = true,
        ValidateIssuerSigningKey = true,
        RequireExpirationTime = true,
        RequireSignedTokens = true,
        // Only the frontends issue and check tokens, on NTP-synchronised clocks: a few seconds cover their
        // differences (a token issued by one is not "not yet valid" at another), and an expired token
        // stops working on the API about when the hub closes its connection.
        ClockSkew = TimeSpan.FromSeconds(5),
        NameClaimType = PlayerClaims.UserIdType,
        RoleClaimType = PlayerClaims.RoleType,
    };

    public IssuedToken Issue(UserProfile user)
    {
        var now = DateTime.UtcNow;
        var expires = now + options.TokenLifetime;
        var token = handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = expires,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
            Claims = new Dictionary<string, object>
            {
                [PlayerClaims.UserIdType] = user.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                [PlayerClaims.RoleType] = user.Role.WireName(),
                [PlayerClaims.VipLevelType] = user.VipLevel,
                [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
            },
        });
        return new IssuedToken(token, new DateTimeOffset(expires, TimeSpan.Zero));
    }
}

public sealed record IssuedToken(string Token, DateTimeOffset ExpiresAt);

/// <summary>Whether this frontend made up its own signing key (reported once the app has a logger).</summary>
public sealed record SigningKeyOrigin(bool Generated);

/// <summary>A staff policy's requirement: the account holds one of <see cref="Roles"/> now and is not suspended.</summary>
public sealed class CurrentStaffRoleRequirement(IReadOnlySet<UserRole> roles) : IAuthorizationRequirement
{
    public IReadOnlySet<UserRole> Roles => roles;
}

/// <summary>Meets <see cref="CurrentStaffRoleRequirement"/> by the account's role as its grain holds it.</summary>
public sealed class CurrentStaffRoleHandler(IGrainFactory grains) : AuthorizationHandler<CurrentStaffRoleRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, CurrentStaffRoleRequirement requirement)
    {
        if (await StaffRoles.CurrentStaffRoleAsync(context.User, grains, context.Resource as HttpContext) is { } role && requirement.Roles.Contains(role))
        {
            context.Succeed(requirement);
        }
    }
}

/// <summary>
/// A staff member's role as it is now. A token says what the role was when it was issued, up to an hour ago;
/// staff endpoints act on money and players, so an account demoted or suspended since must lose them at once
/// (OWASP Authorization Cheat Sheet: validate permissions on every request). Players' tokens cost no lookup.
/// </summary>
public static class StaffRoles
{
    private static readonly object ProfileKey = new();

    /// <summary>
    /// The staff role the account holds now, when the token claims a staff role and the account still holds one
    /// and is not suspended; otherwise null. Read once per request (kept in <paramref name="context"/>'s items).
    /// </summary>
    public static async Task<UserRole?> CurrentStaffRoleAsync(ClaimsPrincipal user, IGrainFactory grains, HttpContext? context)
    {
        if (user.UserIdOrDefault() is not { } userId || !UserRoles.TryParse(user.FindFirstValue(PlayerClaims.RoleType), out var claimed) || !UserRoles.Staff.Contains(claimed))
        {
            return null;
        }

        if (context?.Items[ProfileKey] is not UserProfile profile)
        {
            try
            {
                profile = await grains.GetGrain<IUserGrain>(userId).GetProfile();
            }
            catch (GameServerException gone) when (gone.Kind == ErrorKind.NotFound)
            {
                return null;
            }

            if (context is not null)
            {
                context.Items[ProfileKey] = profile;
            }
        }

        return profile.IsSuspended || !UserRoles.Staff.Contains(profile.Role) ? null : profile.Role;
    }
}
