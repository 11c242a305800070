using System.Security.Claims;
using GameServer.ApiFrontend.Hosting;
using GameServer.Players;
using GameServer.Wallet;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace GameServer.ApiFrontend.Apis;

/// <summary>The body of a staff action that needs only a reason: <c>{"reason": "…"}</c>, 1–500 characters once trimmed.</summary>
public sealed record StaffReasonRequest(string? Reason);

/// <summary><c>{"role": "player|admin|finance|support", "reason": "…"}</c>.</summary>
public sealed record RoleChangeRequest(string? Role, string? Reason);

/// <summary><c>{"level": 0–10, "reason": "…"}</c> fixes the VIP level; <c>{"follow_turnover": true, "reason": "…"}</c> lifts the override.</summary>
public sealed record VipOverrideRequest(int? Level, bool? FollowTurnover, string? Reason);

/// <summary>
/// One staff audit-trail record on the wire: <c>{action_id, staff_id, action, user_id, subject, reason, at}</c>;
/// <c>action</c> is the snake_case kind (<c>withdrawal_approved</c>, <c>credit</c>, <c>suspend</c>, <c>role_change</c> …).
/// A player reading their own trail sees no <c>staff_id</c> (null): staff act for the platform.
/// </summary>
public sealed record StaffActionResponse(string ActionId, long? StaffId, string Action, long? UserId, string Subject, string? Reason, DateTimeOffset At)
{
    public static StaffActionResponse From(StaffAction action, bool forStaff) =>
        new(action.ActionId, forStaff ? action.StaffId : null, action.Kind.WireName(), action.PlayerId, action.Subject, action.Reason, action.At);
}

/// <summary>
/// SPEC §4, §7 player management: finding players and reading their records (any staff role), suspending,
/// reinstating, roles and VIP overrides (admins), and the staff audit trail (staff; a player reads their own).
/// </summary>
public static class PlayerManagementApi
{
    public static IEndpointRouteBuilder MapPlayerManagementApi(this IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/api/admin").WithTags("Player management").RequireAuthorization(AuthPolicies.Staff).RequireRateLimit(RateLimitTier.Api)
            .WithBodyLimit(RequestBodyLimits.Admin).ProducesProblems(400, 401, 403, 404, 409, 413, 429, 503);

        staff.MapGet("/users", FindUser);
        staff.MapGet("/users/{user_id:long}", GetUser);
        staff.MapGet("/users/{user_id:long}/transactions", GetUserTransactions);
        staff.MapGet("/users/{user_id:long}/sessions", GetSessions);
        staff.MapGet("/staff-actions", GetStaffActions);
        staff.MapPost("/users/{user_id:long}/suspend", Suspend).RequireAuthorization(AuthPolicies.Admin);
        staff.MapPost("/users/{user_id:long}/reinstate", Reinstate).RequireAuthorization(AuthPolicies.Admin);
        staff.MapPut("/users/{user_id:long}/role", ChangeRole).RequireAuthorization(AuthPolicies.Admin);
        staff.MapPut("/users/{user_id:long}/vip", OverrideVip).RequireAuthorization(AuthPolicies.Admin);

        app.MapGet("/api/users/{user_id:long}/staff-actions", GetPlayerStaffActions).WithTags("Players")
            .RequireAuthorization(AuthPolicies.Player).RequireRateLimit(RateLimitTier.Api).ProducesProblems(400, 401, 403, 429, 503);
        return app;
    }

    /// <summary>
    /// SPEC §7 <c>GET /api/admin/users?phone=…</c> or <c>?invite_code=…</c> (exactly one): the player registered with
    /// that phone number (read as login reads it, E.164 in the configured region) or holding that invite code, as
    /// <see cref="ProfileResponse"/> with <c>balance</c> and <c>held</c>. Neither or both, or a malformed value, is 400;
    /// no such player 404. (A player by id: <c>GET /api/admin/users/{user_id}</c>.)
    /// </summary>
    private static async Task<Ok<ApiResponse<ProfileResponse>>> FindUser(
        string? phone, [FromQuery(Name = "invite_code")] string? inviteCode, IGrainFactory grains, PlayerPhoneNumbers phoneNumbers)
    {
        if (string.IsNullOrWhiteSpace(phone) == string.IsNullOrWhiteSpace(inviteCode))
        {
            throw GameServerException.Invalid("Give exactly one of phone and invite_code.");
        }

        long? userId;
        if (!string.IsNullOrWhiteSpace(phone))
        {
            if (!phoneNumbers.TryCanonicalize(phone, out var e164, out var problem))
            {
                throw GameServerException.Invalid(problem!);
            }

            userId = await grains.GetGrain<IPhoneIndexGrain>(PlayerKeys.Phone(e164)).FindUserId();
        }
        else
        {
            var code = inviteCode!.Trim().ToUpperInvariant();
            ApiResponse.Require(code.Length == PlayerRules.InviteCodeLength && code.All(PlayerRules.InviteCodeAlphabet.Contains)
                ? null
                : $"invite_code must be {PlayerRules.InviteCodeLength} characters of {PlayerRules.InviteCodeAlphabet}.");
            userId = await grains.GetGrain<IInviteCodeIndexGrain>(PlayerKeys.InviteCode(code)).FindUserId();
        }

        return ApiResponse.Ok(await ProfileWithBalance(userId ?? throw GameServerException.NotFound("No player matches."), grains));
    }

    /// <summary>SPEC §7 <c>GET /api/admin/users/{user_id}</c>: any player's profile with <c>balance</c> and <c>held</c>; 404 for an unknown player.</summary>
    private static async Task<Ok<ApiResponse<ProfileResponse>>> GetUser([FromRoute(Name = "user_id")] long userId, IGrainFactory grains) =>
        ApiResponse.Ok(await ProfileWithBalance(userId, grains));

    /// <summary>
    /// SPEC §7 <c>GET /api/admin/users/{user_id}/transactions?page&amp;limit&amp;type</c>: that player's ledger entries, in
    /// the shape and with the <c>type</c> filter of <c>GET /api/wallet/transactions</c>; 404 for an unknown player.
    /// </summary>
    private static async Task<Ok<ApiResponse<PageResponse<LedgerEntryResponse>>>> GetUserTransactions(
        [FromRoute(Name = "user_id")] long userId, IGrainFactory grains, int? page, int? limit, string? type)
    {
        await grains.GetGrain<IUserGrain>(userId).GetProfile(); // 404 for an unknown player, before a wallet is activated for it
        return await WalletApi.TransactionsPage(grains.GetGrain<IWalletGrain>(userId), page, limit, type);
    }

    /// <summary>SPEC §7 <c>GET /api/admin/users/{user_id}/sessions</c>: the player's signed-in sessions, newest first (<see cref="PlayerSession"/>); 404 for an unknown player.</summary>
    private static async Task<Ok<ApiResponse<IReadOnlyList<PlayerSession>>>> GetSessions([FromRoute(Name = "user_id")] long userId, IGrainFactory grains)
    {
        await grains.GetGrain<IUserGrain>(userId).GetProfile();
        return ApiResponse.Ok(await grains.GetGrain<IPlayerSessionsGrain>(userId).List());
    }

    /// <summary>SPEC §4, §7 <c>POST /api/admin/users/{user_id}/suspend</c> <see cref="StaffReasonRequest"/> (admins): the profile, suspended.</summary>
    private static async Task<Ok<ApiResponse<ProfileResponse>>> Suspend([FromRoute(Name = "user_id")] long userId, StaffReasonRequest request, ClaimsPrincipal staff, IGrainFactory grains)
    {
        var reason = StaffActions.RequireReason(request.Reason);
        await grains.GetGrain<IUserGrain>(userId).Suspend(reason, staff.UserId());
        return ApiResponse.Ok(await ProfileWithBalance(userId, grains));
    }

    /// <summary>SPEC §4, §7 <c>POST /api/admin/users/{user_id}/reinstate</c> <see cref="StaffReasonRequest"/> (admins): the profile, active again.</summary>
    private static async Task<Ok<ApiResponse<ProfileResponse>>> Reinstate([FromRoute(Name = "user_id")] long userId, StaffReasonRequest request, ClaimsPrincipal staff, IGrainFactory grains)
    {
        var reason = StaffActions.RequireReason(request.Reason);
        await grains.GetGrain<IUserGrain>(userId).Reinstate(reason, staff.UserId());
        return ApiResponse.Ok(await ProfileWithBalance(userId, grains));
    }

    /// <summary>SPEC §4, §7 <c>PUT /api/admin/users/{user_id}/role</c> <see cref="RoleChangeRequest"/> (admins; not one's own role: 409).</summary>
    private static async Task<Ok<ApiResponse<ProfileResponse>>> ChangeRole([FromRoute(Name = "user_id")] long userId, RoleChangeRequest request, ClaimsPrincipal staff, IGrainFactory grains)
    {
        var reason = StaffActions.RequireReason(request.Reason);
        if (!UserRoles.TryParse(request.Role, out var role))
        {
            throw GameServerException.Invalid("role must be player, admin, finance or support.");
        }

        await grains.GetGrain<IUserGrain>(userId).ChangeRole(role, reason, staff.UserId());
        return ApiResponse.Ok(await ProfileWithBalance(userId, grains));
    }

    /// <summary>SPEC §4, §7 <c>PUT /api/admin/users/{user_id}/vip</c> <see cref="VipOverrideRequest"/> (admins).</summary>
    private static async Task<Ok<ApiResponse<ProfileResponse>>> OverrideVip([FromRoute(Name = "user_id")] long userId, VipOverrideRequest request, ClaimsPrincipal staff, IGrainFactory grains)
    {
        var reason = StaffActions.RequireReason(request.Reason);
        int? level = request.FollowTurnover == true
            ? (request.Level is null ? null : throw GameServerException.Invalid("Give level or follow_turnover, not both."))
            : request.Level is >= 0 and <= VipLevels.Highest ? request.Level : throw GameServerException.Invalid($"level must be 0 to {VipLevels.Highest} (or follow_turnover: true).");
        await grains.GetGrain<IUserGrain>(userId).OverrideVipLevel(level, reason, staff.UserId());
        return ApiResponse.Ok(await ProfileWithBalance(userId, grains));
    }

    /// <summary>
    /// SPEC §4, §7 <c>GET /api/admin/staff-actions?staff_id&amp;user_id&amp;action&amp;page&amp;limit</c> (any staff role): the staff
    /// audit trail newest first, optionally of one staff member, one player, one kind; a bad kind or paging is 400.
    /// </summary>
    private static async Task<Ok<ApiResponse<PageResponse<StaffActionResponse>>>> GetStaffActions(IGrainFactory grains,
        [FromQuery(Name = "staff_id")] long? staffId, [FromQuery(Name = "user_id")] long? userId, string? action, int? page, int? limit) =>
        ApiResponse.Ok(await ReadTrail(grains, staffId, userId, action, page, limit, forStaff: true));

    /// <summary>
    /// SPEC §4, §7 <c>GET /api/users/{user_id}/staff-actions?action&amp;page&amp;limit</c>: what staff did to this player's account
    /// (the player themself or staff; anyone else 403), newest first.
    /// </summary>
    private static async Task<Ok<ApiResponse<PageResponse<StaffActionResponse>>>> GetPlayerStaffActions(
        [FromRoute(Name = "user_id")] long userId, ClaimsPrincipal user, HttpContext context, IGrainFactory grains, string? action, int? page, int? limit)
    {
        await user.RequireSelfOrStaffAsync(userId, "a staff audit trail", grains, context);
        var forStaff = await StaffRoles.CurrentStaffRoleAsync(user, grains, context) is not null;
        return ApiResponse.Ok(await ReadTrail(grains, null, userId, action, page, limit, forStaff));
    }

    private static async Task<PageResponse<StaffActionResponse>> ReadTrail(IGrainFactory grains, long? staffId, long? userId, string? action, int? page, int? limit, bool forStaff)
    {
        var (p, l) = RequestValues.Paging(page, limit);
        StaffActionKind? kind = null;
        if (!string.IsNullOrEmpty(action))
        {
            kind = StaffActions.WireNames.TryGetValue(action, out var found)
                ? found
                : throw GameServerException.Invalid($"action must be one of: {string.Join(", ", StaffActions.WireNames.Keys)}.");
        }

        var trail = await grains.GetGrain<IStaffAuditTrailGrain>(0).Read(new StaffActionQuery(staffId, userId, kind, p, l));
        return new PageResponse<StaffActionResponse>(trail.Items.Select(item => StaffActionResponse.From(item, forStaff)).ToList(), p, l, trail.Total);
    }

    /// <summary>The profile first (404 for an unknown player, so no wallet is activated for nobody), then its balance.</summary>
    internal static async Task<ProfileResponse> ProfileWithBalance(long userId, IGrainFactory grains)
    {
        var user = await grains.GetGrain<IUserGrain>(userId).GetProfile();
        var balance = await grains.GetGrain<IWalletGrain>(userId).GetBalance();
        return ProfileResponse.ForStaff(user, balance);
    }
}
