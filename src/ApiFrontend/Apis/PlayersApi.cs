using System.Security.Claims;
using GameServer.ApiFrontend.Hosting;
using GameServer.Hosting;
using GameServer.Players;
using GameServer.Wallet;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GameServer.ApiFrontend.Apis;

public sealed record RegisterRequest(string? PhoneNo, string? Password, string? InviteCode) : IPhoneNumbered;

public sealed record LoginRequest(string? PhoneNo, string? Password) : IPhoneNumbered;

/// <summary>
/// A player's profile on the wire: <c>{user_id, phone_no (E.164), role: player|admin|finance|support, invite_code,
/// inviter_id, vip_level, registered_at, last_login_at, balance, held, turnover_vip_level, vip_override, suspension}</c>.
/// <c>vip_level</c> is the level in force: <c>vip_override</c> when an admin set one, else <c>turnover_vip_level</c>.
/// <c>suspension</c> is <c>{reason, suspended_by, suspended_at}</c> while staff have suspended the account, else null;
/// <c>suspended_by</c> (the staff member's user id) is shown to staff only and is null on the player's own profile,
/// as <c>staff_id</c> is in the player's own trail (SPEC §4). <c>balance</c> (spendable) and <c>held</c> (held for
/// pending withdrawals) are amounts in rupees with at most two decimals, present on the player's own profile
/// and on the admin's lookups (<c>GET /api/admin/users/{user_id}</c>, <c>GET /api/admin/users?phone=</c>), and
/// null where no balance was read (registration, login).
/// </summary>
public sealed record ProfileResponse(
    long UserId, string PhoneNo, string Role, string InviteCode, long? InviterId, int VipLevel,
    DateTimeOffset RegisteredAt, DateTimeOffset? LastLoginAt, Money? Balance = null, Money? Held = null,
    int TurnoverVipLevel = 0, int? VipOverride = null, SuspensionResponse? Suspension = null)
{
    /// <summary>The profile as its player sees it: who suspended them is not shown.</summary>
    public static ProfileResponse ForPlayer(UserProfile user, Balance? balance = null) => From(user, balance, showStaff: false);

    /// <summary>The profile as staff see it on their lookups, with the staff member who suspended the account.</summary>
    public static ProfileResponse ForStaff(UserProfile user, Balance? balance = null) => From(user, balance, showStaff: true);

    private static ProfileResponse From(UserProfile user, Balance? balance, bool showStaff) => new(
        user.UserId, user.PhoneNumber, user.Role.WireName(), user.InviteCode, user.InviterId,
        user.VipLevel, user.RegisteredAt, user.LastLoginAt, balance?.Available, balance?.Held,
        user.TurnoverVipLevel, user.VipOverride,
        user.Suspension is { } suspension ? new SuspensionResponse(suspension.Reason, showStaff ? suspension.SuspendedBy : null, suspension.SuspendedAt) : null);
}

/// <summary>Why (staff's words), by whom (a staff user id, null on the player's own profile) and since when (UTC) an account is suspended.</summary>
public sealed record SuspensionResponse(string Reason, long? SuspendedBy, DateTimeOffset SuspendedAt);

/// <summary>A new player: their id, their own invite code and profile.</summary>
public sealed record RegisteredResponse(long UserId, string InviteCode, ProfileResponse User);

/// <summary>
/// A signed-in session: the access token (Bearer, short-lived) with its expiry, the refresh token that
/// renews it without the password (used once; each use returns the next one) with its expiry, and the profile.
/// </summary>
public sealed record LoginResponse(
    string Token, string TokenType, DateTimeOffset ExpiresAt, ProfileResponse User, string RefreshToken, DateTimeOffset RefreshExpiresAt);

/// <summary>A refresh token presented to renew or to end its session.</summary>
public sealed record RefreshRequest(string? RefreshToken);

/// <summary>The session of the presented token has ended, if it was one.</summary>
public sealed record LogoutResponse(bool SignedOut);

public static class PlayersApi
{
    /// <summary>What a suspended player is told when a session of theirs tries to renew.</summary>
    public const string UserSuspendedMessage = "This account is suspended; please contact support.";

    public static WebApplicationBuilder AddPlayersApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddGameOptions<PhoneNumberOptions>(builder.Configuration, PhoneNumberOptions.Section);
        builder.Services.AddSingleton<PlayerPhoneNumbers>();
        return builder;
    }

    public static IEndpointRouteBuilder MapPlayersApi(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/users").WithTags("Players").ProducesProblems(400, 413, 429, 503);

        users.MapPost("/register", Register).RequireRateLimit(RateLimitTier.Auth).AllowAnonymous().ProducesProblems(409);
        users.MapPost("/login", Login).RequireRateLimit(RateLimitTier.Auth).AllowAnonymous().ProducesProblems(401, 403);
        users.MapPost("/token/refresh", Refresh).RequireRateLimit(RateLimitTier.Api).AllowAnonymous().ProducesProblems(401, 403);
        users.MapPost("/logout", Logout).RequireRateLimit(RateLimitTier.Api).AllowAnonymous();
        users.MapGet("/profile", GetProfile).RequireAuthorization(AuthPolicies.Player).RequireRateLimit(RateLimitTier.Api).ProducesProblems(401, 404);
        return app;
    }

    private static async Task<Created<ApiResponse<RegisteredResponse>>> Register(RegisterRequest request, IGrainFactory grains, PlayerPhoneNumbers phoneNumbers)
    {
        phoneNumbers.TryCanonicalize(request.PhoneNo, out var phone, out var phoneProblem);
        ApiResponse.Require(
            phoneProblem,
            PlayerRules.PasswordProblem(request.Password),
            PlayerRules.InviteCodeProblem(request.InviteCode));

        var user = await grains.GetGrain<IPhoneIndexGrain>(PlayerKeys.Phone(phone))
            .Register(new NewUser(phone, request.Password!, string.IsNullOrEmpty(request.InviteCode) ? null : request.InviteCode));
        return ApiResponse.Created("/api/users/profile", new RegisteredResponse(user.UserId, user.InviteCode, ProfileResponse.ForPlayer(user)));
    }

    private static async Task<Ok<ApiResponse<LoginResponse>>> Login(LoginRequest request, IGrainFactory grains, TokenIssuer tokens, PlayerPhoneNumbers phoneNumbers)
    {
        // A malformed number or password can never log in: answer exactly as for a wrong one, without
        // hashing (a 200 KB "password" must not buy 200 KB of Argon2). Whether a well-formed number has an
        // account is not told, not even by timing: the phone index hashes either way.
        if (!phoneNumbers.TryCanonicalize(request.PhoneNo, out var phone, out _) || PlayerRules.PasswordProblem(request.Password) is not null)
        {
            throw GameServerException.Unauthorized("The phone number or password is wrong.");
        }

        var user = await grains.GetGrain<IPhoneIndexGrain>(PlayerKeys.Phone(phone)).Login(request.Password!);
        var refresh = await grains.GetGrain<ISessionGrain>(Guid.NewGuid()).Start(user.UserId);
        return ApiResponse.Ok(SignedIn(user, refresh, tokens));
    }

    /// <summary>SPEC §4, §7: a refresh token for a new access token and the next refresh token; the one presented is spent.</summary>
    private static async Task<Ok<ApiResponse<LoginResponse>>> Refresh(RefreshRequest request, IGrainFactory grains, TokenIssuer tokens)
    {
        if (!RefreshTokens.TryParse(request.RefreshToken, out var sessionId, out var secret))
        {
            throw GameServerException.Unauthorized("The refresh token is not valid; please log in again.");
        }

        var session = grains.GetGrain<ISessionGrain>(sessionId);
        var refresh = await session.Rotate(secret);
        UserProfile user;
        try
        {
            user = await grains.GetGrain<IUserGrain>(refresh.UserId).GetProfile();
        }
        catch (GameServerException gone) when (gone.Kind == ErrorKind.NotFound)
        {
            // No account behind the session any more: it ends, and the client signs in again.
            await session.Revoke();
            throw GameServerException.Unauthorized("The refresh token is not valid; please log in again.");
        }

        if (user.IsSuspended)
        {
            // Suspension ends every session; one that started meanwhile ends here (SPEC §4).
            await session.Revoke();
            throw GameServerException.Forbidden(UserSuspendedMessage);
        }

        return ApiResponse.Ok(SignedIn(user, refresh, tokens));
    }

    /// <summary>Ends the session of the presented refresh token; answers alike whether it was one (RFC 7009 §2.2). The access token lives out its short life.</summary>
    private static async Task<Ok<ApiResponse<LogoutResponse>>> Logout(RefreshRequest request, IGrainFactory grains)
    {
        if (RefreshTokens.TryParse(request.RefreshToken, out var sessionId, out var secret))
        {
            await grains.GetGrain<ISessionGrain>(sessionId).End(secret);
        }

        return ApiResponse.Ok(new LogoutResponse(SignedOut: true));
    }

    private static LoginResponse SignedIn(UserProfile user, IssuedRefreshToken refresh, TokenIssuer tokens)
    {
        var access = tokens.Issue(user);
        return new LoginResponse(access.Token, "Bearer", access.ExpiresAt, ProfileResponse.ForPlayer(user), refresh.Token, refresh.ExpiresAt);
    }

    private static async Task<Ok<ApiResponse<ProfileResponse>>> GetProfile(ClaimsPrincipal principal, IGrainFactory grains)
    {
        var userId = principal.UserId();
        var profile = grains.GetGrain<IUserGrain>(userId).GetProfile();
        var balance = grains.GetGrain<IWalletGrain>(userId).GetBalance();
        return ApiResponse.Ok(ProfileResponse.ForPlayer(await profile, await balance));
    }
}
