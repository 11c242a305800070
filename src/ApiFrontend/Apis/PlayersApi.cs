using System.Security.Claims;
using GameServer.ApiFrontend.Hosting;
using GameServer.Hosting;
using GameServer.Players;
using GameServer.Wallet;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GameServer.ApiFrontend.Apis;

public sealed record RegisterRequest(string? PhoneNo, string? Password, string? InviteCode) : IPhoneNumbered;

public sealed record LoginRequest(string? PhoneNo, string? Password) : IPhoneNumbered;

public sealed record ProfileResponse(
    long UserId, string PhoneNo, string Role, string InviteCode, long? InviterId, int VipLevel,
    DateTimeOffset RegisteredAt, DateTimeOffset? LastLoginAt, Money? Balance = null, Money? Held = null)
{
    public static ProfileResponse From(UserProfile user, Balance? balance = null) => new(
        user.UserId, user.PhoneNumber, user.Role.ToString().ToLowerInvariant(), user.InviteCode, user.InviterId,
        user.VipLevel, user.RegisteredAt, user.LastLoginAt, balance?.Available, balance?.Held);
}

/// <summary>A new player: their id, their own invite code and profile.</summary>
public sealed record RegisteredResponse(long UserId, string InviteCode, ProfileResponse User);

public sealed record LoginResponse(string Token, string TokenType, DateTimeOffset ExpiresAt, ProfileResponse User);

public static class PlayersApi
{
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
        users.MapPost("/login", Login).RequireRateLimit(RateLimitTier.Auth).AllowAnonymous().ProducesProblems(401);
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
        return ApiResponse.Created("/api/users/profile", new RegisteredResponse(user.UserId, user.InviteCode, ProfileResponse.From(user)));
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
        var token = tokens.Issue(user);
        return ApiResponse.Ok(new LoginResponse(token.Token, "Bearer", token.ExpiresAt, ProfileResponse.From(user)));
    }

    private static async Task<Ok<ApiResponse<ProfileResponse>>> GetProfile(ClaimsPrincipal principal, IGrainFactory grains)
    {
        var userId = principal.UserId();
        var profile = grains.GetGrain<IUserGrain>(userId).GetProfile();
        var balance = grains.GetGrain<IWalletGrain>(userId).GetBalance();
        return ApiResponse.Ok(ProfileResponse.From(await profile, await balance));
    }
}
