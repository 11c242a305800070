using System.Security.Claims;
using GameServer.ApiFrontend.Hosting;
using GameServer.Referral;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace GameServer.ApiFrontend.Apis;

public static class ReferralApi
{
    public static IEndpointRouteBuilder MapReferralApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/users/{user_id:long}/team-summary", GetTeamSummary).WithTags("Referral")
            .RequireAuthorization(AuthPolicies.Player).RequireRateLimit(RateLimitTier.Api).ProducesProblems(401, 403, 404, 429, 503);

        var attendance = app.MapGroup("/api/attendance").WithTags("Attendance").RequireAuthorization(AuthPolicies.Player).RequireRateLimit(RateLimitTier.Api)
            .ProducesProblems(401, 429, 503);
        attendance.MapGet("/", GetAttendance);
        attendance.MapPost("/claim", ClaimAttendance).ProducesProblems(403, 409);
        return app;
    }

    private static async Task<Ok<ApiResponse<TeamSummary>>> GetTeamSummary([FromRoute(Name = "user_id")] long userId, ClaimsPrincipal user, IGrainFactory grains)
    {
        await user.RequireSelfOrStaffAsync(userId, "a team summary", grains);

        return ApiResponse.Ok(await grains.GetGrain<IReferralTreeGrain>(userId).GetTeamSummary());
    }

    private static async Task<Ok<ApiResponse<AttendanceStatus>>> GetAttendance(ClaimsPrincipal user, IGrainFactory grains) =>
        ApiResponse.Ok(await grains.GetGrain<IAttendanceGrain>(user.UserId()).GetStatus());

    private static async Task<Ok<ApiResponse<AttendanceStatus>>> ClaimAttendance(ClaimsPrincipal user, IGrainFactory grains) =>
        ApiResponse.Ok(await grains.GetGrain<IAttendanceGrain>(user.UserId()).Claim());
}
