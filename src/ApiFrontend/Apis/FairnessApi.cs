using System.Globalization;
using System.Text;
using GameServer.ApiFrontend.Hosting;
using GameServer.Games;
using GameServer.Wallet;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace GameServer.ApiFrontend.Apis;

/// <summary>An anchor as listed: <c>late</c> when it was published less than 24 h before its day (SPEC §3 rule 5).</summary>
public sealed record DayAnchorResponse(string Game, int Duration, string Date, string Anchor, DateTimeOffset PublishedAt, bool Late)
{
    public static DayAnchorResponse From(DayAnchor anchor) =>
        new(anchor.Game.Game.WireName(), anchor.Game.DurationSeconds, Iso(anchor.Day), anchor.Anchor, anchor.PublishedAt, anchor.Late);

    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

public sealed record ArchivedPeriodResponse(
    string PeriodId, string Seed, string Commit, IReadOnlyList<int> Result, string? Hash, bool Drawn, long Bets, Money Staked, Money Paid, Money Refunded);

/// <summary>The day's money; the RTPs are null until <c>unsettled</c> is 0.</summary>
public sealed record DayTotalsResponse(long Bets, Money Staked, Money Paid, Money Refunded, long Unsettled, decimal? ActualRtp, decimal? TheoreticalRtp);

/// <summary>A day's proof archive as served: everything a verifier needs, and the rules it checks.</summary>
public sealed record DayArchiveResponse(
    string Game, int Duration, string Date, string Anchor, DateTimeOffset PublishedAt, bool Late, bool Complete, bool Settled, string? Secret,
    string ChainRule, string Algorithm, IReadOnlyList<ArchivedPeriodResponse> Periods, DayTotalsResponse Totals);

/// <summary>
/// The public proof of fairness (SPEC §3, §7): the day anchors published ahead, each past day's archive
/// (JSON, or CSV, RFC 4180, when <c>Accept</c> prefers <c>text/csv</c>), and the verifier page that
/// checks them in the browser. A settled day never changes: it carries an entity tag (RFC 9110 §8.8.3)
/// and may be cached for a day.
/// </summary>
public static class FairnessApi
{
    public const string ChainRule = "seed(n) = SHA-256(secret) for the day's last period n; seed(k) = SHA-256(seed(k+1)); commit(k) = SHA-256(seed(k)) = seed(k-1); anchor = SHA-256(seed(1)); anchor published at least 24 h before the day";

    private const string VerifierResource = "GameServer.ApiFrontend.Fairness.verify.html";

    /// <summary>The verifier needs inline script and style and nothing else: no request leaves the page (connect-src 'none').</summary>
    private const string VerifierContentSecurityPolicy =
        "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'none'; img-src data:; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

    private const string SettledCacheControl = "public, max-age=86400";

    public static IEndpointRouteBuilder MapFairnessApi(this IEndpointRouteBuilder app)
    {
        var fairness = app.MapGroup("/api/fairness").WithTags("Fairness").RequireRateLimit(RateLimitTier.Api).ProducesProblems(400, 404, 429, 503);
        fairness.MapGet("/anchors", GetAnchors);
        fairness.MapGet("/{game}/{duration:int}/{date}", GetDay).Produces<ApiResponse<DayArchiveResponse>>(StatusCodes.Status200OK, "application/json", "text/csv")
            .Produces(StatusCodes.Status304NotModified);

        app.MapGet("/verify", ServeVerifier).ExcludeFromDescription();
        return app;
    }

    private static async Task<Ok<ApiResponse<List<DayAnchorResponse>>>> GetAnchors(IGrainFactory grains, string? from, string? to)
    {
        var anchors = await grains.GetGrain<IFairnessArchiveGrain>(0).Anchors(RequestValues.Day(from, "from"), RequestValues.Day(to, "to"));
        return ApiResponse.Ok(anchors.Select(DayAnchorResponse.From).ToList());
    }

    private static async Task<Results<Ok<ApiResponse<DayArchiveResponse>>, ContentHttpResult, StatusCodeHttpResult>> GetDay(string game, int duration, string date, HttpContext context, IGrainFactory grains)
    {
        var key = GameKeys.FromRequest(game, duration, ErrorKind.NotFound);
        var day = RequestValues.Day(date, "date") ?? throw GameServerException.Invalid("date is required.");
        var archive = await grains.GetGrain<IFairnessDayGrain>(IFairnessDayGrain.KeyOf(key, day)).Archive();
        var csv = CsvResponses.Preferred(context.Request);

        // One address, two representations: a shared cache keeps them apart by Accept (RFC 9110 §12.5.5).
        context.Response.Headers.Vary = "Accept";
        if (archive.Version is { } version)
        {
            var tag = new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{version}{(csv ? "-csv" : "")}\"");
            context.Response.GetTypedHeaders().ETag = tag;
            context.Response.Headers.CacheControl = SettledCacheControl;
            if (context.Request.GetTypedHeaders().IfNoneMatch.Any(match => match.Tag == tag.Tag || match.Tag == "*"))
            {
                return TypedResults.StatusCode(StatusCodes.Status304NotModified);
            }
        }
        else
        {
            context.Response.Headers.CacheControl = "no-cache";
        }

        var response = new DayArchiveResponse(key.Game.WireName(), key.DurationSeconds, DayAnchorResponse.Iso(archive.Day), archive.Anchor, archive.PublishedAt,
            archive.Late, archive.Complete, archive.Settled, archive.Secret, ChainRule, FairDraw.Algorithm,
            archive.Periods.Select(period => new ArchivedPeriodResponse(period.PeriodId, period.Seed, period.Commit, period.Result.Values, period.Result.Hash,
                period.Drawn, period.Bets, period.Staked, period.Paid, period.Refunded)).ToList(),
            new DayTotalsResponse(archive.Totals.Bets, archive.Totals.Staked, archive.Totals.Paid, archive.Totals.Refunded, archive.Totals.Unsettled,
                archive.Totals.ActualRtp, archive.Totals.TheoreticalRtp));
        return csv ? TypedResults.Text(Csv(response), "text/csv; header=present", Encoding.UTF8) : ApiResponse.Ok(response);
    }

    /// <summary>
    /// One header line and one line per period (RFC 4180; no field needs quoting). The anchor, the
    /// secret and the totals are in the JSON archive, which the verifier reads.
    /// </summary>
    private static string Csv(DayArchiveResponse archive)
    {
        var csv = new StringBuilder();
        csv.Append("game,duration,date,period_id,seed,commit,result,hash,drawn,bets,staked,paid,refunded\r\n");
        foreach (var period in archive.Periods)
        {
            csv.Append(CultureInfo.InvariantCulture,
                $"{archive.Game},{archive.Duration},{archive.Date},{period.PeriodId},{period.Seed},{period.Commit},{string.Join(' ', period.Result)},{period.Hash},{(period.Drawn ? "true" : "false")},{period.Bets},{period.Staked},{period.Paid},{period.Refunded}\r\n");
        }

        return csv.ToString();
    }

    /// <summary>The verifier, one self-contained page (no network, Web Crypto only), also in the repository at src/ApiFrontend/Fairness/verify.html.</summary>
    private static IResult ServeVerifier(HttpContext context)
    {
        context.Response.Headers.ContentSecurityPolicy = VerifierContentSecurityPolicy;
        return Results.Stream(typeof(FairnessApi).Assembly.GetManifestResourceStream(VerifierResource)
            ?? throw new InvalidOperationException($"{VerifierResource} is not embedded."), "text/html; charset=utf-8");
    }
}
