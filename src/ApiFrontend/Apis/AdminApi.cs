using GameServer.ApiFrontend.Hosting;
using GameServer.Players;
using Microsoft.AspNetCore.Mvc;

namespace GameServer.ApiFrontend.Apis;

public static class AdminApi
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin").WithTags("Admin").RequireAuthorization(AuthPolicies.Admin).RequireRateLimit(RateLimitTier.Api);

        admin.MapGet("/users/{user_id:long}", GetUser);
        return app;
    }

    private static async Task<IResult> GetUser([FromRoute(Name = "user_id")] long userId, IGrainFactory grains)
    {
        var user = await grains.GetGrain<IUserGrain>(userId).GetProfile();
        return ApiResponse.Ok(ProfileResponse.From(user));
    }
}
