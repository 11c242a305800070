using System.Security.Claims;
using System.Text.Json;
using GameServer.ApiFrontend.Hosting;
using GameServer.Players;
using GameServer.Wallet;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace GameServer.ApiFrontend.Apis;

public sealed record AdjustmentRequest(JsonElement? Amount, string? Reason);

/// <summary>
/// The optional body of <c>POST /api/admin/withdrawals/{withdrawal_id}/approve</c> and <c>/reject</c>:
/// <c>{"reason": "…"}</c>, a string of at most 500 characters once trimmed (blank is none), kept with the
/// decision. No body, <c>{}</c> or <c>null</c> decide without a reason; a reason that is not a string or is
/// too long is 400.
/// </summary>
public sealed record WithdrawalDecisionRequest(string? Reason);

/// <summary>What an admin's credit or debit is bound from: the player in the route, the body, the admin, the request (for its idempotency key) and services.</summary>
public readonly record struct AdjustmentCall(
    [FromRoute(Name = "user_id")] long UserId,
    [FromBody] AdjustmentRequest Request,
    ClaimsPrincipal Admin,
    HttpContext Context,
    IGrainFactory Grains,
    IOptions<WalletRequestLimits> Limits);

public static class AdminApi
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        // Finance staff and admins: the money desk. Admins alone: credits, debits and the cluster (SPEC §4 roles).
        var admin = app.MapGroup("/api/admin").WithTags("Admin").RequireAuthorization(AuthPolicies.Finance).RequireRateLimit(RateLimitTier.Api)
            .WithBodyLimit(RequestBodyLimits.Admin).ProducesProblems(400, 401, 403, 404, 409, 413, 429, 503);

        admin.MapPost("/users/{user_id:long}/credit", ([AsParameters] AdjustmentCall call) => Adjust(call, credit: true)).RequireAuthorization(AuthPolicies.Admin);
        admin.MapPost("/users/{user_id:long}/debit", ([AsParameters] AdjustmentCall call) => Adjust(call, credit: false)).RequireAuthorization(AuthPolicies.Admin);
        admin.MapGet("/withdrawals", ListWithdrawals);
        admin.MapPost("/withdrawals/{withdrawal_id}/approve",
            ([FromRoute(Name = "withdrawal_id")] string withdrawalId, [FromBody] WithdrawalDecisionRequest? request, ClaimsPrincipal adminUser, IGrainFactory grains)
                => Decide(withdrawalId, approve: true, request, adminUser, grains));
        admin.MapPost("/withdrawals/{withdrawal_id}/reject",
            ([FromRoute(Name = "withdrawal_id")] string withdrawalId, [FromBody] WithdrawalDecisionRequest? request, ClaimsPrincipal adminUser, IGrainFactory grains)
                => Decide(withdrawalId, approve: false, request, adminUser, grains));
        admin.MapGet("/deposits/flagged", ListFlaggedDeposits);
        admin.MapGet("/audit", Audit);
        admin.MapGet("/cluster", ClusterApi.GetCluster).RequireAuthorization(AuthPolicies.Admin);
        return app;
    }

    private static async Task<Ok<ApiResponse<LedgerEntryResponse>>> Adjust(AdjustmentCall call, bool credit)
    {
        var (userId, request, adminUser, context, grains, limits) = call;
        var amount = RequestValues.Amount(request.Amount, new Money(limits.Value.MaxAdminAdjustmentMinorUnits));
        var reason = StaffActions.RequireReason(request.Reason);

        await grains.GetGrain<IUserGrain>(userId).GetProfile(); // 404 for an unknown player, before any money moves
        var adminId = adminUser.UserId();
        var operationId = RequestValues.OperationId(context, credit ? "adm-credit" : "adm-debit", adminId);
        var entry = await grains.GetGrain<IWalletGrain>(userId).AdminAdjust(operationId, credit ? amount : -amount, reason, adminId);
        return ApiResponse.Ok(LedgerEntryResponse.From(entry));
    }

    /// <summary>
    /// Withdrawals newest first: <c>status</c> pending (default), paid, rejected or all; optionally one player's
    /// (<c>user_id</c>); each with its decision and the decision's <c>reason</c> (null when none was given).
    /// </summary>
    private static async Task<Ok<ApiResponse<PageResponse<Withdrawal>>>> ListWithdrawals(IGrainFactory grains, string? status, [FromQuery(Name = "user_id")] long? userId, int? page, int? limit)
    {
        var (p, l) = RequestValues.Paging(page, limit);
        WithdrawalStatus? wanted = status?.ToLowerInvariant() switch
        {
            null or "" or "pending" => WithdrawalStatus.Pending,
            "paid" => WithdrawalStatus.Paid,
            "rejected" => WithdrawalStatus.Rejected,
            "all" => null,
            _ => throw GameServerException.Invalid("status must be pending, paid, rejected or all."),
        };
        var withdrawals = await grains.GetGrain<IWithdrawalDeskGrain>(0).List(new WithdrawalQuery(wanted, userId, p, l));
        return ApiResponse.Ok(new PageResponse<Withdrawal>(withdrawals.Items, p, l, withdrawals.Total));
    }

    /// <summary>Deposits credited although a responsible-play rule would have refused them (SPEC §6), newest first; optionally one player's (<c>user_id</c>).</summary>
    private static async Task<Ok<ApiResponse<PageResponse<FlaggedDeposit>>>> ListFlaggedDeposits(IGrainFactory grains, [FromQuery(Name = "user_id")] long? userId, int? page, int? limit)
    {
        var (p, l) = RequestValues.Paging(page, limit);
        var flagged = await grains.GetGrain<IDepositReviewGrain>(0).ListFlagged(userId, p, l);
        return ApiResponse.Ok(new PageResponse<FlaggedDeposit>(flagged.Items, p, l, flagged.Total));
    }

    /// <summary>
    /// SPEC §5, §7 <c>POST /api/admin/withdrawals/{withdrawal_id}/approve</c> (paid) or <c>/reject</c> (the held
    /// funds go back to the balance), with an optional <see cref="WithdrawalDecisionRequest"/>: the decided
    /// <see cref="Withdrawal"/> with its <c>reason</c>. 400 for a bad reason, 404 for an unknown id, 409 when
    /// already decided.
    /// </summary>
    private static async Task<Ok<ApiResponse<Withdrawal>>> Decide(string withdrawalId, bool approve, WithdrawalDecisionRequest? request, ClaimsPrincipal adminUser, IGrainFactory grains)
    {
        var reason = WithdrawalDecision.NormalizeReason(request?.Reason);
        var decided = await grains.GetGrain<IWithdrawalDeskGrain>(0).Decide(withdrawalId, approve, adminUser.UserId(), reason);
        return ApiResponse.Ok(decided);
    }

    private static async Task<Ok<ApiResponse<AuditReport>>> Audit(IGrainFactory grains) =>
        ApiResponse.Ok(await grains.GetGrain<ILedgerAuditGrain>(0).Audit());
}
