using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using GameServer.ApiFrontend.Hosting;
using GameServer.Games;
using GameServer.Wallet;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace GameServer.ApiFrontend.Apis;

public sealed record BetRequestBody(JsonElement? Amount, string? Type, JsonElement? Value, string? Position, int? Duration, string? PeriodId);

public sealed record GameInfo(string Game, IReadOnlyList<int> Durations, IReadOnlyList<string> BetTypes);

public sealed record ResultResponse(string PeriodId, IReadOnlyList<int> Result, string? Hash, string Seed, string Commit, DateTimeOffset EndsAt, DateTimeOffset DrawnAt)
{
    public static ResultResponse From(PeriodResult result) =>
        new(result.PeriodId, result.Result.Values, result.Result.Hash, result.Seed, result.Commit, result.EndsAt, result.DrawnAt);
}

public sealed record OpenPeriodResponse(
    string Game, int Duration, string PeriodId, DateTimeOffset StartsAt, DateTimeOffset BettingClosesAt, DateTimeOffset EndsAt,
    string Commit, long Bets, Money TotalStake, IReadOnlyList<ResultResponse> Recent, DateTimeOffset ServerTime);

public sealed record ProofResponse(
    string Game, int Duration, string PeriodId, DateTimeOffset StartsAt, DateTimeOffset BettingClosesAt, DateTimeOffset EndsAt,
    string Commit, string? Seed, IReadOnlyList<int>? Result, string? Hash, string Algorithm);

/// <summary>A staked bet, with the balance after the stake and the ledger seq that balance reflects.</summary>
public sealed record BetResponse(
    string BetId, string Game, int Duration, string PeriodId, Money Amount, string Type, string Value, string? Position,
    Money Balance, long Seq, DateTimeOffset PlacedAt);

/// <summary>
/// One bet of a history: <c>{bet_id, game, duration (seconds), period_id, type, value, position, amount, placed_at,
/// status: pending|won|lost|refunded, payout, settled_at}</c>; amounts in rupees, times UTC; <c>payout</c> and
/// <c>settled_at</c> are null until the bet is settled.
/// </summary>
public sealed record BetHistoryItem(
    string BetId, string Game, int Duration, string PeriodId, string Type, string Value, string? Position, Money Amount,
    DateTimeOffset PlacedAt, string Status, Money? Payout, DateTimeOffset? SettledAt);

public static class GamesApi
{
    private const int DefaultDuration = 60;
    private const int RecentOnPeriodView = 10;

    public static IEndpointRouteBuilder MapGamesApi(this IEndpointRouteBuilder app)
    {
        var games = app.MapGroup("/api/games").WithTags("Games").ProducesProblems(400, 404, 429, 503);
        games.MapGet("/", ListGames).RequireRateLimit(RateLimitTier.Api);
        games.MapGet("/{game}/periods", GetOpenPeriod).RequireRateLimit(RateLimitTier.Api);
        games.MapPost("/{game}/bet", PlaceBet).RequireAuthorization(AuthPolicies.Player).RequireRateLimit(RateLimitTier.Game).ProducesProblems(401, 403, 409, 413);
        games.MapGet("/{game}/{duration:int}/results", GetResults).RequireRateLimit(RateLimitTier.Api);
        games.MapGet("/{game}/{duration:int}/periods/{period_id}", GetPeriod).RequireRateLimit(RateLimitTier.Api);

        app.MapGet("/api/users/{user_id:long}/bet-history", GetBetHistory).WithTags("Games")
            .RequireAuthorization(AuthPolicies.Player).RequireRateLimit(RateLimitTier.Api).ProducesProblems(400, 401, 403, 429, 503);
        return app;
    }

    private static GameKey Key(string game, int? duration) => GameKeys.FromRequest(game, duration ?? DefaultDuration, ErrorKind.Invalid);

    private static IGamePeriodGrain Period(this IGrainFactory grains, GameKey key) => grains.GetGrain<IGamePeriodGrain>(key.ToString());

    private static Ok<ApiResponse<List<GameInfo>>> ListGames() => ApiResponse.Ok(GameCatalog.All
        .Select(game => new GameInfo(game.WireName(), game.DurationsSeconds(), BetRules.TypesOf(game).Select(type => type.WireName()).ToList()))
        .ToList());

    private static async Task<Ok<ApiResponse<OpenPeriodResponse>>> GetOpenPeriod(string game, int? duration, IGrainFactory grains)
    {
        var key = Key(game, duration);
        var open = grains.Period(key).GetOpenPeriod();
        var recent = grains.Period(key).GetResults(1, RecentOnPeriodView);
        var (period, results) = (await open, await recent);
        var p = period.Period;
        return ApiResponse.Ok(new OpenPeriodResponse(key.Game.WireName(), key.DurationSeconds, p.PeriodId, p.StartsAt, p.BettingClosesAt, p.EndsAt,
            period.Commit, period.Bets, period.TotalStake, results.Results.Select(ResultResponse.From).ToList(), period.ServerTime));
    }

    private static async Task<Ok<ApiResponse<BetResponse>>> PlaceBet(string game, BetRequestBody body, ClaimsPrincipal user, HttpContext context, IGrainFactory grains)
    {
        var key = Key(game, body.Duration);
        var stake = RequestValues.Amount(body.Amount, Money.FromMajor(1_000_000_000));
        var value = body.Value?.ValueKind switch
        {
            JsonValueKind.String => body.Value.Value.GetString(),
            JsonValueKind.Number => body.Value.Value.GetRawText(),
            null or JsonValueKind.Null or JsonValueKind.Undefined => "",
            _ => throw GameServerException.Invalid("value must be a string or a number."),
        };
        if (!BetRules.TryParse(key.Game, body.Type, value, body.Position, out var selection, out var problem))
        {
            throw GameServerException.Invalid(problem);
        }

        var userId = user.UserId();
        var betId = RequestValues.OperationId(context, "bet", userId);
        if (RequestLogIds.Of(context) is { } logIds)
        {
            (logIds.BetId, logIds.Game, logIds.PeriodId) = (betId, key.ToString(), body.PeriodId);
        }

        var receipt = await grains.GetGrain<IWalletGrain>(userId).PlaceBet(new BetRequest(betId, key, body.PeriodId, selection, stake));
        return ApiResponse.Ok(new BetResponse(receipt.BetId, key.Game.WireName(), key.DurationSeconds, receipt.PeriodId, receipt.Stake,
            selection.Type.WireName(), selection.Value, selection.Position?.ToString(), receipt.Balance.Available, receipt.Balance.LastSeq, receipt.PlacedAt));
    }

    private static async Task<Ok<ApiResponse<PageResponse<ResultResponse>>>> GetResults(string game, int duration, IGrainFactory grains, int? page, int? limit)
    {
        var key = Key(game, duration);
        var (p, l) = RequestValues.Paging(page, limit);
        var results = await grains.Period(key).GetResults(p, l);
        return ApiResponse.Ok(new PageResponse<ResultResponse>(results.Results.Select(ResultResponse.From).ToList(), p, l, results.Total));
    }

    private static async Task<Ok<ApiResponse<ProofResponse>>> GetPeriod(string game, int duration, [FromRoute(Name = "period_id")] string periodId, IGrainFactory grains)
    {
        var key = Key(game, duration);
        var proof = await grains.Period(key).GetPeriod(periodId);
        var p = proof.Period;
        return ApiResponse.Ok(new ProofResponse(key.Game.WireName(), key.DurationSeconds, p.PeriodId, p.StartsAt, p.BettingClosesAt, p.EndsAt,
            proof.Commit, proof.Seed, proof.Result?.Values, proof.Result?.Hash, proof.Algorithm));
    }

    /// <summary>
    /// SPEC §7 <c>GET /api/users/{user_id}/bet-history?start_date&amp;end_date&amp;game&amp;duration&amp;page&amp;limit</c>
    /// (that player or staff, else 403): the player's bets newest first as
    /// <c>{items: [BetHistoryItem], page, limit, total}</c>. Dates are UTC days <c>yyyy-MM-dd</c>, both inclusive
    /// (default: the last 90 days); <c>game</c> (<c>wingo</c>, <c>5d</c>, <c>k3</c>, <c>trx</c>) and
    /// <c>duration</c> (seconds) keep one game, one duration or one game-duration. Any bad value is 400.
    /// </summary>
    private static async Task<Ok<ApiResponse<PageResponse<BetHistoryItem>>>> GetBetHistory(
        [FromRoute(Name = "user_id")] long userId, ClaimsPrincipal user, IGrainFactory grains,
        [FromQuery(Name = "start_date")] string? startDate, [FromQuery(Name = "end_date")] string? endDate, string? game, int? duration, int? page, int? limit)
    {
        await user.RequireSelfOrStaffAsync(userId, "a bet history", grains);

        var (p, l) = RequestValues.Paging(page, limit);
        // Without dates the wallet takes the last 90 days by the game clock, the clock that stamped the bets.
        var from = Day(startDate, "start_date");
        var to = Day(endDate, "end_date")?.AddDays(1);
        if (!GameFilter.TryCreate(game, duration, out var games, out var problem))
        {
            throw GameServerException.Invalid(problem!);
        }

        var history = await grains.GetGrain<IWalletGrain>(userId).GetBetHistory(from, to, p, l, games);
        return ApiResponse.Ok(new PageResponse<BetHistoryItem>(history.Bets.Select(Item).ToList(), p, l, history.Total));
    }

    private static DateTimeOffset? Day(string? text, string field) =>
        string.IsNullOrEmpty(text) ? null
        : DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var day)
            ? new DateTimeOffset(day, TimeSpan.Zero)
            : throw GameServerException.Invalid($"{field} must be a date as yyyy-MM-dd.");

    private static BetHistoryItem Item(SettledBet settled)
    {
        var (bet, outcome) = (settled.Bet, settled.Outcome);
        var status = outcome?.Kind.ToString().ToLowerInvariant() ?? "pending";
        return new BetHistoryItem(bet.BetId, bet.Game.Game.WireName(), bet.Game.DurationSeconds, bet.PeriodId, bet.Selection.Type.WireName(),
            bet.Selection.Value, bet.Selection.Position?.ToString(), bet.Stake, bet.PlacedAt, status, outcome?.Payout, outcome?.SettledAt);
    }
}
