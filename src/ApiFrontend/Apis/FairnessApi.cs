using System.Globalization;
using System.Text;
using GameServer.ApiFrontend.Hosting;
using GameServer.Games;
using GameServer.Wallet;
using Microsoft.AspNetCore.Mvc;

namespace GameServer.ApiFrontend.Apis;

public sealed record DayAnchorResponse(string Game, int Duration, string Date, string Anchor, DateTimeOffset PublishedAt)
{
    public static DayAnchorResponse From(DayAnchor anchor) =>
        new(anchor.Game.Game.WireName(), anchor.Game.DurationSeconds, Iso(anchor.Day), anchor.Anchor, anchor.PublishedAt);

    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

public sealed record ArchivedPeriodResponse(
    string PeriodId, string Seed, string Commit, IReadOnlyList<int> Result, string? Hash, bool Drawn, long Bets, Money Staked, Money Paid, Money Refunded);

public sealed record DayTotalsResponse(long Bets, Money Staked, Money Paid, Money Refunded, decimal? ActualRtp, decimal? TheoreticalRtp);

/// <summary>A day's proof archive as served: everything a verifier needs, and the rules it checks.</summary>
public sealed record DayArchiveResponse(
    string Game, int Duration, string Date, string Anchor, DateTimeOffset PublishedAt, bool Complete, string? Secret,
    string ChainRule, string Algorithm, IReadOnlyList<ArchivedPeriodResponse> Periods, DayTotalsResponse Totals);

/// <summary>
/// The public proof of fairness (SPEC §3, §7): the day anchors published ahead, each past day's archive
/// (JSON, or CSV with <c>Accept: text/csv</c>), and the verifier page that checks them in the browser.
/// </summary>
public static class FairnessApi
{
    public const string ChainRule = "seed(n) = SHA-256(secret) for the day's last period n; seed(k) = SHA-256(seed(k+1)); commit(k) = SHA-256(seed(k)) = seed(k-1); anchor = SHA-256(seed(1))";

    /// <summary>The longest span of anchors one request lists.</summary>
    private const int MostDaysListed = 31;

    /// <summary>Anchors listed by default: today and the days already published ahead.</summary>
    private const int DaysAheadListed = 2;

    private const string VerifierResource = "GameServer.ApiFrontend.Fairness.verify.html";

    public static IEndpointRouteBuilder MapFairnessApi(this IEndpointRouteBuilder app)
    {
        var fairness = app.MapGroup("/api/fairness").WithTags("Fairness").RequireRateLimit(RateLimitTier.Api);
        fairness.MapGet("/anchors", GetAnchors);
        fairness.MapGet("/{game}/{duration:int}/{date}", GetDay).Produces<ApiResponse<DayArchiveResponse>>().Produces(StatusCodes.Status200OK, contentType: "text/csv");

        app.MapGet("/verify", ServeVerifier).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> GetAnchors(IGrainFactory grains, string? from, string? to)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var (first, last) = (Day(from, "from") ?? today, Day(to, "to") ?? today.AddDays(DaysAheadListed));
        if (last < first || last.DayNumber - first.DayNumber >= MostDaysListed)
        {
            throw GameServerException.Invalid($"to must be from to {MostDaysListed - 1} days after from.");
        }

        var anchors = await grains.GetGrain<IFairnessArchiveGrain>(0).Anchors(first, last);
        return ApiResponse.Ok(anchors.Select(DayAnchorResponse.From).ToList());
    }

    private static async Task<IResult> GetDay(string game, int duration, string date, HttpRequest request, IGrainFactory grains)
    {
        var key = GameKey.TryCreate(game, duration, out var parsed) ? parsed : throw GameServerException.NotFound($"No game '{ClientText.Cut(game)}' with {duration} s periods.");
        var day = Day(date, "date") ?? throw GameServerException.Invalid("date is required.");
        var archive = await grains.GetGrain<IFairnessArchiveGrain>(0).Day(key, day);
        var response = new DayArchiveResponse(key.Game.WireName(), key.DurationSeconds, DayAnchorResponse.Iso(archive.Day), archive.Anchor, archive.PublishedAt,
            archive.Complete, archive.Secret, ChainRule, FairDraw.Algorithm,
            archive.Periods.Select(period => new ArchivedPeriodResponse(period.PeriodId, period.Seed, period.Commit, period.Result.Values, period.Result.Hash,
                period.Drawn, period.Bets, period.Staked, period.Paid, period.Refunded)).ToList(),
            new DayTotalsResponse(archive.Totals.Bets, archive.Totals.Staked, archive.Totals.Paid, archive.Totals.Refunded, archive.Totals.ActualRtp, archive.Totals.TheoreticalRtp));
        return request.Headers.Accept.Any(accept => accept?.Contains("text/csv", StringComparison.OrdinalIgnoreCase) == true)
            ? Results.Text(Csv(response), "text/csv", Encoding.UTF8)
            : ApiResponse.Ok(response);
    }

    /// <summary>One row per period; the day's anchor, secret and totals in comment lines above the header.</summary>
    private static string Csv(DayArchiveResponse archive)
    {
        var csv = new StringBuilder();
        csv.Append(CultureInfo.InvariantCulture, $"# {archive.Game} {archive.Duration} s {archive.Date} anchor {archive.Anchor} secret {archive.Secret ?? "(not yet published)"}\n");
        csv.Append(CultureInfo.InvariantCulture, $"# bets {archive.Totals.Bets} staked {archive.Totals.Staked} paid {archive.Totals.Paid} refunded {archive.Totals.Refunded} actual_rtp {archive.Totals.ActualRtp} theoretical_rtp {archive.Totals.TheoreticalRtp}\n");
        csv.Append("period_id,seed,commit,result,hash,drawn,bets,staked,paid,refunded\n");
        foreach (var period in archive.Periods)
        {
            csv.Append(CultureInfo.InvariantCulture,
                $"{period.PeriodId},{period.Seed},{period.Commit},{string.Join(' ', period.Result)},{period.Hash},{(period.Drawn ? "true" : "false")},{period.Bets},{period.Staked},{period.Paid},{period.Refunded}\n");
        }

        return csv.ToString();
    }

    /// <summary>The verifier, one self-contained page (no network, Web Crypto only), also in the repository at src/ApiFrontend/Fairness/verify.html.</summary>
    private static IResult ServeVerifier() =>
        Results.Stream(typeof(FairnessApi).Assembly.GetManifestResourceStream(VerifierResource)
            ?? throw new InvalidOperationException($"{VerifierResource} is not embedded."), "text/html; charset=utf-8");

    private static DateOnly? Day(string? text, string field) =>
        string.IsNullOrEmpty(text) ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day
        : throw GameServerException.Invalid($"{field} must be a date as yyyy-MM-dd.");
}
