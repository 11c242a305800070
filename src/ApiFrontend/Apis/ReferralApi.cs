using System.Security.Claims;
using GameServer.ApiFrontend.Hosting;
using GameServer.Referral;
using Microsoft.AspNetCore.Mvc;

namespace GameServer.ApiFrontend.Apis;

public static class ReferralApi
{
    public static IEndpointRouteBuilder MapReferralApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/users/{user_id:long}/team-summary", GetTeamSummary).WithTags("Referral")
            .RequireAuthorization(AuthPolicies.Player).RequireRateLimit(RateLimitTier.Api);

        var attendance = app.MapGroup("/api/attendance").WithTags("Attendance").RequireAuthorization(AuthPolicies.Player).RequireRateLimit(RateLimitTier.Api);
        attendance.MapGet("/", GetAttendance);
        attendance.MapPost("/claim", ClaimAttendance);
        return app;
    }

    private static async Task<IResult> GetTeamSummary([FromRoute(Name = "user_id")] long userId, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (user.UserId() != userId && !user.IsAdmin())
        {
            throw GameServerException.Forbidden("Only the player and admins may read a team summary.");
        }

        return ApiResponse.Ok(await grains.GetGrain<IReferralTreeGrain>(userId).GetTeamSummary());
    }

    private static async Task<IResult> GetAttendance(ClaimsPrincipal user, IGrainFactory grains) =>
        ApiResponse.Ok(await grains.GetGrain<IAttendanceGrain>(user.UserId()).GetStatus());

    private static async Task<IResult> ClaimAttendance(ClaimsPrincipal user, IGrainFactory grains) =>
        ApiResponse.Ok(await grains.GetGrain<IAttendanceGrain>(user.UserId()).Claim());
}
