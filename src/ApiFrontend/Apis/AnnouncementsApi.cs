using System.Security.Claims;
using GameServer.ApiFrontend.Hosting;
using GameServer.Players;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GameServer.ApiFrontend.Apis;

/// <summary>
/// <c>{title, text, starts_at?, ends_at, min_vip_level?}</c>: title 1–120 characters, text 1–2,000, UTC times
/// (<c>starts_at</c> defaults to now, <c>ends_at</c> after it and in the future), audience VIP level 0–10 (default 0: everyone).
/// </summary>
public sealed record AnnouncementRequest(string? Title, string? Text, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, int? MinVipLevel);

/// <summary>SPEC §4, §7 announcements: admins publish, staff list them, players read the current ones (and hear new ones on the hub).</summary>
public static class AnnouncementsApi
{
    public static IEndpointRouteBuilder MapAnnouncementsApi(this IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/api/admin/announcements").WithTags("Announcements").RequireAuthorization(AuthPolicies.Staff).RequireRateLimit(RateLimitTier.Api)
            .WithBodyLimit(RequestBodyLimits.Admin).ProducesProblems(400, 401, 403, 413, 429, 503);
        staff.MapGet("/", List);
        staff.MapPost("/", Publish).RequireAuthorization(AuthPolicies.Admin);

        app.MapGet("/api/announcements", Current).WithTags("Announcements").RequireAuthorization(AuthPolicies.Player).RequireRateLimit(RateLimitTier.Api)
            .ProducesProblems(401, 429, 503);
        return app;
    }

    /// <summary>
    /// SPEC §7 <c>POST /api/admin/announcements</c> <see cref="AnnouncementRequest"/> (admins): 201 with the <see cref="Announcement"/>.
    /// The request's <c>Idempotency-Key</c> names it, so a retry publishes once. A bad field is 400.
    /// </summary>
    private static async Task<Created<ApiResponse<Announcement>>> Publish(AnnouncementRequest request, ClaimsPrincipal staff, HttpContext context, IGrainFactory grains)
    {
        if (request.EndsAt is null)
        {
            throw GameServerException.Invalid("ends_at is required.");
        }

        var staffId = staff.UserId();
        var id = RequestValues.OperationId(context, "ann", staffId);
        var draft = new AnnouncementDraft(request.Title ?? "", request.Text ?? "", request.StartsAt, request.EndsAt.Value, request.MinVipLevel ?? 0);
        var published = await grains.GetGrain<IAnnouncementsGrain>(0).Publish(id, draft, staffId);
        return ApiResponse.Created("/api/announcements", published);
    }

    /// <summary>SPEC §7 <c>GET /api/admin/announcements</c> (any staff role): every announcement not ended more than 30 days ago, newest first.</summary>
    private static async Task<Ok<ApiResponse<IReadOnlyList<Announcement>>>> List(IGrainFactory grains) =>
        ApiResponse.Ok(await grains.GetGrain<IAnnouncementsGrain>(0).List());

    /// <summary>SPEC §7 <c>GET /api/announcements</c>: the announcements shown now to the caller's VIP level, newest first.</summary>
    private static async Task<Ok<ApiResponse<IReadOnlyList<Announcement>>>> Current(ClaimsPrincipal user, IGrainFactory grains)
    {
        var profile = await grains.GetGrain<IUserGrain>(user.UserId()).GetProfile();
        return ApiResponse.Ok(await grains.GetGrain<IAnnouncementsGrain>(0).Current(profile.VipLevel));
    }
}
