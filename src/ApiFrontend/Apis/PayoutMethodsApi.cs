using System.Security.Claims;
using GameServer.ApiFrontend.Hosting;
using GameServer.Players;
using GameServer.Wallet;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace GameServer.ApiFrontend.Apis;

/// <summary>
/// The body of <c>POST /api/wallet/payout-methods</c> and <c>PUT /api/wallet/payout-methods/{method_id}</c>:
/// <c>{"kind": "bank", "holder_name", "account_number", "ifsc"}</c>, <c>{"kind": "upi", "vpa"}</c> or
/// <c>{"kind": "usdt_trc20", "address"}</c>, every value a string. A field of another kind is 400.
/// </summary>
public sealed record PayoutMethodRequest(string? Kind, string? HolderName, string? AccountNumber, string? Ifsc, string? Vpa, string? Address)
{
    /// <summary>The destination this body describes; 400 naming the first field that breaks its rule (<see cref="PayoutDestination.Create"/>).</summary>
    public PayoutDestination ToDestination() => PayoutDestination.Create(PayoutKinds.Parse(Kind), HolderName, AccountNumber, Ifsc, Vpa, Address);
}

/// <summary>
/// A saved payout method as a player or support staff see it: <c>{method_id, destination, added_at, changed_at,
/// usable_from}</c>, the destination masked (<see cref="PayoutDestination.Masked"/>: <c>XXXXXX1234</c>,
/// <c>ab***@okaxis</c>, <c>TR7N…Lj6t</c>); <c>usable_from</c> (UTC) is when it may first receive a withdrawal.
/// </summary>
public sealed record PayoutMethodResponse(string MethodId, PayoutDestination Destination, DateTimeOffset AddedAt, DateTimeOffset ChangedAt, DateTimeOffset UsableFrom)
{
    public static PayoutMethodResponse Masked(PayoutMethod method) =>
        new(method.MethodId, method.Destination.Masked(), method.AddedAt, method.ChangedAt, method.UsableFrom);
}

/// <summary>A player's saved payout methods, oldest first, masked, and how many one may keep: <c>{items, max_saved}</c>.</summary>
public sealed record PayoutMethodsResponse(IReadOnlyList<PayoutMethodResponse> Items, int MaxSaved)
{
    public static PayoutMethodsResponse Masked(IEnumerable<PayoutMethod> methods) =>
        new([.. methods.Select(PayoutMethodResponse.Masked)], PayoutMethodRules.MaxSaved);
}

/// <summary>
/// Payout methods (SPEC §5, §7): a player's own under <c>/api/wallet/payout-methods</c>, and the staff's
/// masked view of any player's under <c>/api/admin/users/{user_id}/payout-methods</c> (a support lookup).
/// The full destinations reach staff only with a withdrawal, in the finance queue (<see cref="AdminApi"/>).
/// </summary>
public static class PayoutMethodsApi
{
    public static IEndpointRouteBuilder MapPayoutMethodsApi(this IEndpointRouteBuilder app)
    {
        var methods = app.MapGroup("/api/wallet/payout-methods").WithTags("Wallet").RequireAuthorization(AuthPolicies.Player).RequireRateLimit(RateLimitTier.Wallet)
            .ProducesProblems(400, 401, 403, 404, 409, 413, 429, 503);
        methods.MapGet("/", List);
        methods.MapGet("/{method_id}", Get);
        methods.MapPost("/", Add);
        methods.MapPut("/{method_id}", Change);
        methods.MapDelete("/{method_id}", Remove);

        app.MapGet("/api/admin/users/{user_id:long}/payout-methods", ListOfPlayer).WithTags("Player management")
            .RequireAuthorization(AuthPolicies.Staff).RequireRateLimit(RateLimitTier.Api).ProducesProblems(401, 403, 404, 429, 503);
        return app;
    }

    private static IPayoutMethodsGrain PayoutMethods(this IGrainFactory grains, ClaimsPrincipal user) => grains.GetGrain<IPayoutMethodsGrain>(user.UserId());

    /// <summary>SPEC §7 <c>GET /api/wallet/payout-methods</c>: the player's own methods, masked (<see cref="PayoutMethodsResponse"/>).</summary>
    private static async Task<Ok<ApiResponse<PayoutMethodsResponse>>> List(ClaimsPrincipal user, IGrainFactory grains) =>
        ApiResponse.Ok(PayoutMethodsResponse.Masked(await grains.PayoutMethods(user).List()));

    /// <summary>SPEC §7 <c>GET /api/wallet/payout-methods/{method_id}</c>: one of the player's methods, masked; 404 for an id the player has not saved.</summary>
    private static async Task<Ok<ApiResponse<PayoutMethodResponse>>> Get([FromRoute(Name = "method_id")] string methodId, ClaimsPrincipal user, IGrainFactory grains) =>
        ApiResponse.Ok(PayoutMethodResponse.Masked(await grains.PayoutMethods(user).Get(methodId)));

    /// <summary>
    /// SPEC §7 <c>POST /api/wallet/payout-methods</c> with a <see cref="PayoutMethodRequest"/>: the saved method,
    /// masked, with the <c>usable_from</c> its cooling-off gives; the same destination again answers the method
    /// saved before, unchanged. 400 for a bad kind or field, 409 past the most a player may keep.
    /// </summary>
    private static async Task<Ok<ApiResponse<PayoutMethodResponse>>> Add(PayoutMethodRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var destination = request.ToDestination();
        await RequireNotSuspended(user, grains);
        return ApiResponse.Ok(PayoutMethodResponse.Masked(await grains.PayoutMethods(user).Add(destination)));
    }

    /// <summary>
    /// SPEC §7 <c>PUT /api/wallet/payout-methods/{method_id}</c> with a <see cref="PayoutMethodRequest"/>: the
    /// method pointed at the new destination, masked, its cooling-off started again (<c>usable_from</c>). 400 for
    /// a bad body, 404 for an id the player has not saved, 409 for a destination another method has.
    /// </summary>
    private static async Task<Ok<ApiResponse<PayoutMethodResponse>>> Change(
        [FromRoute(Name = "method_id")] string methodId, PayoutMethodRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var destination = request.ToDestination();
        await RequireNotSuspended(user, grains);
        return ApiResponse.Ok(PayoutMethodResponse.Masked(await grains.PayoutMethods(user).Change(methodId, destination)));
    }

    /// <summary>SPEC §7 <c>DELETE /api/wallet/payout-methods/{method_id}</c>: the methods left, masked; 404 for an id the player has not saved.</summary>
    private static async Task<Ok<ApiResponse<PayoutMethodsResponse>>> Remove([FromRoute(Name = "method_id")] string methodId, ClaimsPrincipal user, IGrainFactory grains)
    {
        var methods = grains.PayoutMethods(user);
        await methods.Remove(methodId);
        return ApiResponse.Ok(PayoutMethodsResponse.Masked(await methods.List()));
    }

    /// <summary>
    /// SPEC §7 <c>GET /api/admin/users/{user_id}/payout-methods</c> (any staff role): a player's methods, masked as
    /// the player sees them (a support lookup; finance sees a destination in full only with a withdrawal); 404 for
    /// an unknown player.
    /// </summary>
    private static async Task<Ok<ApiResponse<PayoutMethodsResponse>>> ListOfPlayer([FromRoute(Name = "user_id")] long userId, IGrainFactory grains)
    {
        await grains.GetGrain<IUserGrain>(userId).GetProfile(); // 404 for an unknown player, before a grain is activated for nobody
        return ApiResponse.Ok(PayoutMethodsResponse.Masked(await grains.GetGrain<IPayoutMethodsGrain>(userId).List()));
    }

    /// <summary>
    /// 403 while the account is suspended (SPEC §4): no withdrawals then, and a destination added or changed
    /// meanwhile would have served its cooling-off by the time staff reinstate the account.
    /// </summary>
    private static async Task RequireNotSuspended(ClaimsPrincipal user, IGrainFactory grains)
    {
        if ((await grains.GetGrain<IUserGrain>(user.UserId()).GetProfile()).IsSuspended)
        {
            throw GameServerException.Forbidden("This account is suspended: its payout methods cannot change until staff reinstate it. Please contact support.");
        }
    }
}
