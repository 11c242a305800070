using System.Security.Claims;
using System.Text.Json;
using GameServer.ApiFrontend.Hosting;
using GameServer.ApiFrontend.Payments;
using GameServer.Hosting;
using GameServer.Wallet;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GameServer.ApiFrontend.Apis;

public sealed record DepositRequest(JsonElement? Amount, string? Gateway);

/// <summary>The body of <c>POST /api/wallet/withdraw</c>: <c>{amount, method_id}</c>, the id of one of the player's saved payout methods.</summary>
public sealed record WithdrawRequest(JsonElement? Amount, string? MethodId);

public sealed record LimitsRequest(JsonElement? DailyDepositLimit, JsonElement? DailyLossLimit);

public sealed record SelfExclusionRequest(int? Days);

public sealed record BalanceResponse(Money Balance, Money Held, long LastSeq)
{
    public static BalanceResponse From(Balance balance) => new(balance.Available, balance.Held, balance.LastSeq);
}

/// <summary>
/// A ledger entry on the wire (SPEC §1): <c>{entry_id, account_id, seq, operation_id, type, amount, held_change,
/// balance_after, held_after, reference, memo, created_at}</c>. <c>type</c> is the entry type's snake_case name
/// (<c>deposit</c>, <c>withdrawal_hold</c>, <c>withdrawal_release</c>, <c>withdrawal_paid</c>, <c>bet_stake</c>,
/// <c>bet_payout</c>, <c>bet_refund</c>, <c>admin_credit</c>, <c>admin_debit</c>, <c>attendance_bonus</c>,
/// <c>referral_commission</c>); amounts are rupees with at most two decimals, <c>amount</c> and <c>held_change</c>
/// signed; <c>created_at</c> is UTC.
/// </summary>
public sealed record LedgerEntryResponse(
    string EntryId, long AccountId, long Seq, string OperationId, LedgerEntryType Type, Money Amount, Money HeldChange,
    Money BalanceAfter, Money HeldAfter, string Reference, string? Memo, DateTimeOffset CreatedAt)
{
    public static LedgerEntryResponse From(LedgerEntry entry) => new(
        entry.EntryId, entry.AccountId, entry.Seq, entry.OperationId, entry.Type, entry.Amount, entry.HeldChange,
        entry.BalanceAfter, entry.HeldAfter, entry.Reference, entry.Memo, entry.CreatedAt);
}

/// <summary>One page of a list: <c>{items, page (1-based), limit, total}</c>; <c>total</c> counts every match of the query, not only this page.</summary>
public sealed record PageResponse<T>(IReadOnlyList<T> Items, int Page, int Limit, long Total);

public sealed record DepositResponse(string OrderId, Money Amount, string Gateway, DepositStatus Status, string? PaymentUrl);

/// <summary>
/// A withdrawal request as its player sees it, with the balance after the hold and the ledger seq that balance
/// reflects, and the payout method it goes to with its destination masked (<see cref="PayoutDestination.Masked"/>).
/// </summary>
public sealed record WithdrawalResponse(
    string WithdrawalId, Money Amount, WithdrawalStatus Status, Money Balance, Money Held, long Seq, string? PayoutMethodId, PayoutDestination? Destination)
{
    public static WithdrawalResponse From(WithdrawalReceipt receipt) => new(
        receipt.Request.WithdrawalId, receipt.Request.Amount, receipt.Request.Status, receipt.Hold.BalanceAfter, receipt.Hold.HeldAfter, receipt.Hold.Seq,
        receipt.Request.PayoutMethodId, receipt.Request.Destination?.Masked());
}

/// <summary>The <c>WalletRequests</c> section: maxima of single wallet requests the frontend accepts, in minor units.</summary>
public sealed class WalletRequestLimits
{
    public const string Section = "WalletRequests";

    public long MaxWithdrawalMinorUnits { get; set; } = 10_000_000_00;
    public long MaxAdminAdjustmentMinorUnits { get; set; } = 100_000_000_00;
    public long MaxPersonalLimitMinorUnits { get; set; } = 1_000_000_000_00;
    public int MaxSelfExclusionDays { get; set; } = 3650;
}

/// <summary>What a gateway's callback changed: the order and its status now.</summary>
public sealed record CallbackResponse(string OrderId, DepositStatus Status);

/// <summary>The payment gateways a deposit may name (SPEC §5), in configuration order; Development adds <c>test</c>.</summary>
public sealed record GatewaysResponse(IReadOnlyList<string> Gateways);

public static class WalletApi
{
    public static WebApplicationBuilder AddWalletApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddGameOptions<WalletRequestLimits>(builder.Configuration, WalletRequestLimits.Section);
        builder.AddPayments();
        return builder;
    }

    public static IEndpointRouteBuilder MapWalletApi(this IEndpointRouteBuilder app)
    {
        var wallet = app.MapGroup("/api/wallet").WithTags("Wallet").RequireAuthorization(AuthPolicies.Player).RequireRateLimit(RateLimitTier.Wallet)
            .ProducesProblems(400, 401, 403, 409, 413, 429, 503);
        wallet.MapGet("/balance", GetBalance);
        wallet.MapGet("/transactions", GetTransactions);
        wallet.MapGet("/gateways", (IEnumerable<IPaymentGateway> gateways) => ApiResponse.Ok(new GatewaysResponse(gateways.Select(gateway => gateway.Name).ToList())));
        wallet.MapPost("/deposit", Deposit);
        wallet.MapPost("/withdraw", Withdraw).ProducesProblems(404);
        wallet.MapGet("/limits", GetLimits);
        wallet.MapPut("/limits", ChangeLimits);
        wallet.MapPost("/self-exclusion", SelfExclude);

        app.MapPost("/api/payments/{gateway}/callback", Callback).WithTags("Payments").AllowAnonymous()
            .ReadsRawBody().WithBodyLimit(RequestBodyLimits.GatewayCallback).ProducesProblems(400, 401, 404, 409, 413, 503);
        return app;
    }

    private static IWalletGrain Wallet(this IGrainFactory grains, ClaimsPrincipal user) => grains.GetGrain<IWalletGrain>(user.UserId());

    private static async Task<Ok<ApiResponse<BalanceResponse>>> GetBalance(ClaimsPrincipal user, IGrainFactory grains) =>
        ApiResponse.Ok(BalanceResponse.From(await grains.Wallet(user).GetBalance()));

    /// <summary>
    /// SPEC §7 <c>GET /api/wallet/transactions?page&amp;limit&amp;type</c>: the player's own ledger entries, newest
    /// first, as <c>{items: [LedgerEntryResponse], page, limit, total}</c>; <c>type</c> (optional) keeps one
    /// entry type by its wire name. A bad page, limit or type is 400.
    /// </summary>
    private static Task<Ok<ApiResponse<PageResponse<LedgerEntryResponse>>>> GetTransactions(ClaimsPrincipal user, IGrainFactory grains, int? page, int? limit, string? type) =>
        TransactionsPage(grains.Wallet(user), page, limit, type);

    /// <summary>One page of an account's ledger, newest first, optionally of one entry type (filtered by the journal store); 400 for a bad page, limit or type.</summary>
    internal static async Task<Ok<ApiResponse<PageResponse<LedgerEntryResponse>>>> TransactionsPage(IWalletGrain wallet, int? page, int? limit, string? type)
    {
        var (p, l) = RequestValues.Paging(page, limit);
        var entryType = RequestValues.EntryType(type);
        var entries = await wallet.GetTransactions(p, l, entryType);
        return ApiResponse.Ok(new PageResponse<LedgerEntryResponse>(entries.Entries.Select(LedgerEntryResponse.From).ToList(), p, l, entries.Total));
    }

    private static async Task<Ok<ApiResponse<DepositResponse>>> Deposit(
        DepositRequest request, ClaimsPrincipal user, HttpContext context, IGrainFactory grains,
        IEnumerable<IPaymentGateway> gateways, IOptions<PaymentOptions> options)
    {
        var amount = RequestValues.Amount(request.Amount, new Money(options.Value.MaxDepositMinorUnits));
        var gateway = PaymentGateway(gateways, request.Gateway);

        var orderId = RequestValues.OperationId(context, "dep", user.UserId());
        var order = await grains.GetGrain<IDepositOrderGrain>(orderId).Create(user.UserId(), amount, gateway.Name);
        string? paymentUrl = null;
        if (order.Status == DepositStatus.Pending)
        {
            paymentUrl = (await gateway.StartCheckoutAsync(order, context.RequestAborted)).PaymentUrl;
            order = await grains.GetGrain<IDepositOrderGrain>(orderId).GetOrder();
        }

        return ApiResponse.Ok(new DepositResponse(order.OrderId, order.Amount, order.Gateway, order.Status, paymentUrl));
    }

    /// <summary>
    /// The configured gateway a deposit names. An unknown name is 400 listing the names there are; a server with
    /// no gateway at all (Production without <c>Payments:Gateways</c>) is 409 saying so: no name could be right,
    /// and "must be one of: ." sent operators looking for a typo.
    /// </summary>
    internal static IPaymentGateway PaymentGateway(IEnumerable<IPaymentGateway> gateways, string? name)
    {
        var configured = gateways.ToList();
        if (configured.Count == 0)
        {
            throw GameServerException.Conflict("No payment gateway is configured on this server, so it takes no deposits (Payments:Gateways in its configuration).");
        }

        return configured.FirstOrDefault(g => string.Equals(g.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw GameServerException.Invalid($"gateway must be one of: {string.Join(", ", configured.Select(g => g.Name))}.");
    }

    /// <summary>
    /// SPEC §5, §7 <c>POST /api/wallet/withdraw</c> with a <see cref="WithdrawRequest"/>: holds the amount for the
    /// named saved payout method, whose destination the request keeps (<see cref="WithdrawalResponse"/>, masked).
    /// 400 for a bad amount or no <c>method_id</c>, 404 for a method the player has not saved, 409 for a method
    /// in its cooling-off (with <c>usable_from</c>) or a balance that does not cover the amount.
    /// </summary>
    private static async Task<Ok<ApiResponse<WithdrawalResponse>>> Withdraw(
        WithdrawRequest request, ClaimsPrincipal user, HttpContext context, IGrainFactory grains, IOptions<WalletRequestLimits> limits)
    {
        var amount = RequestValues.Amount(request.Amount, new Money(limits.Value.MaxWithdrawalMinorUnits));
        if (string.IsNullOrWhiteSpace(request.MethodId))
        {
            throw GameServerException.Invalid("method_id is required: the id of one of your saved payout methods (GET /api/wallet/payout-methods).");
        }

        var withdrawalId = RequestValues.OperationId(context, "wd", user.UserId());
        var receipt = await grains.Wallet(user).RequestWithdrawal(withdrawalId, amount, request.MethodId);
        return ApiResponse.Ok(WithdrawalResponse.From(receipt));
    }

    private static async Task<Ok<ApiResponse<ResponsiblePlayLimits>>> GetLimits(ClaimsPrincipal user, IGrainFactory grains) =>
        ApiResponse.Ok(await grains.Wallet(user).GetLimits());

    private static async Task<Ok<ApiResponse<ResponsiblePlayLimits>>> ChangeLimits(LimitsRequest request, ClaimsPrincipal user, IGrainFactory grains, IOptions<WalletRequestLimits> limits)
    {
        var maximum = new Money(limits.Value.MaxPersonalLimitMinorUnits);
        LimitValue? Parse(JsonElement? value, string field) => value switch
        {
            null => null,
            { ValueKind: JsonValueKind.Null } => new LimitValue(null),
            _ => new LimitValue(RequestValues.Amount(value, maximum, field)),
        };

        var change = new LimitChange(Parse(request.DailyDepositLimit, "daily_deposit_limit"), Parse(request.DailyLossLimit, "daily_loss_limit"));
        return ApiResponse.Ok(await grains.Wallet(user).ChangeLimits(change));
    }

    private static async Task<Ok<ApiResponse<ResponsiblePlayLimits>>> SelfExclude(SelfExclusionRequest request, ClaimsPrincipal user, IGrainFactory grains, IOptions<WalletRequestLimits> limits)
    {
        if (request.Days is not { } days || days < 1 || days > limits.Value.MaxSelfExclusionDays)
        {
            throw GameServerException.Invalid($"days must be 1 to {limits.Value.MaxSelfExclusionDays}.");
        }

        return ApiResponse.Ok(await grains.Wallet(user).SelfExclude(TimeSpan.FromDays(days)));
    }

    private static async Task<Ok<ApiResponse<CallbackResponse>>> Callback(string gateway, HttpRequest request, PaymentCallbacks callbacks)
    {
        // The exact bytes the gateway signed: nothing is decoded before the signature is checked.
        // Past the endpoint's body limit, reading throws the 413.
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, request.HttpContext.RequestAborted);
        var order = await callbacks.HandleAsync(gateway, body.GetBuffer().AsMemory(0, (int)body.Length), request.Headers[CallbackSignature.Header]);
        return ApiResponse.Ok(new CallbackResponse(order.OrderId, order.Status));
    }
}
