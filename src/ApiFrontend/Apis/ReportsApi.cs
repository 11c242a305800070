using System.Globalization;
using System.Text;
using GameServer.ApiFrontend.Hosting;
using GameServer.Games;
using GameServer.Reports;
using GameServer.Wallet;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GameServer.ApiFrontend.Apis;

/// <summary>One entry type's movement over a day: the money it moved (as the audit counts it), its entries, the distinct accounts.</summary>
public sealed record MovementResponse(Money Amount, long Entries, long Accounts);

/// <summary>One game-duration over a day (SPEC §7 "Reports"): from the bet book; <c>ggr</c> = stakes − payouts − refunds.</summary>
public sealed record GameDayResponse(string Game, int Duration, long ActivePlayers, long Bets, Money Stakes, Money Payouts, Money Refunds, Money Ggr)
{
    public static GameDayResponse From(GameDay game) =>
        new(game.Game.Game.WireName(), game.Game.DurationSeconds, game.ActivePlayers, game.Bets, game.Stakes, game.Payouts, game.Refunds, game.Ggr);
}

/// <summary>
/// One UTC day (SPEC §7 "Reports"): the day's totals, read from the ledger (<c>movements</c> has every
/// entry type by its wire name, zeros included; the named figures are read from it), and its
/// game-durations from the bet book.
/// </summary>
public sealed record ReportDayResponse(
    string Date,
    long ActivePlayers,
    long Bets,
    Money Stakes,
    Money Payouts,
    Money Refunds,
    Money Ggr,
    Money Deposits,
    Money WithdrawalsPaid,
    Money Bonuses,
    Money Commissions,
    Money Rebates,
    Money AdminCredits,
    Money AdminDebits,
    IReadOnlyDictionary<string, MovementResponse> Movements,
    IReadOnlyList<GameDayResponse> Games)
{
    public static ReportDayResponse From(ReportDay day) => new(
        DayAnchorResponse.Iso(day.Day), day.ActivePlayers, day.Bets, day.Stakes, day.Payouts, day.Refunds, day.Ggr, day.Deposits, day.WithdrawalsPaid,
        day.Bonuses, day.Commissions, day.Rebates, day.AdminCredits, day.AdminDebits,
        day.Movements.OrderBy(movement => movement.Key).ToDictionary(movement => movement.Key.WireName(),
            movement => new MovementResponse(movement.Value.Amount, movement.Value.Entries, movement.Value.Accounts)),
        day.Games.Select(GameDayResponse.From).ToList());
}

/// <summary>The daily report as served: the days <c>from</c> to <c>to</c> (inclusive), oldest first.</summary>
public sealed record DailyReportResponse(string From, string To, IReadOnlyList<ReportDayResponse> Days);

/// <summary>
/// The staff's business reports (SPEC §7 "Reports"): <c>GET /api/admin/reports/daily?from&amp;to</c>, as JSON
/// in the usual envelope or, when <c>Accept</c> prefers <c>text/csv</c>, as CSV (RFC 4180).
/// </summary>
public static class ReportsApi
{
    /// <summary>The CSV columns; the ledger's own figures (deposits … admin_debits) only on a day's <c>all</c> row.</summary>
    public const string CsvHeader =
        "date,game,duration,active_players,bets,stakes,payouts,refunds,ggr,deposits,withdrawals_paid,bonuses,commissions,rebates,admin_credits,admin_debits";

    /// <summary>The <c>game</c> of a day's total row in the CSV.</summary>
    public const string AllGames = "all";

    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/api/admin/reports").WithTags("Reports").RequireAuthorization(AuthPolicies.Finance).RequireRateLimit(RateLimitTier.Api)
            .ProducesProblems(400, 401, 403, 429, 503);
        reports.MapGet("/daily", GetDaily).Produces<ApiResponse<DailyReportResponse>>(StatusCodes.Status200OK, "application/json", CsvResponses.MediaType);
        return app;
    }

    /// <summary>
    /// SPEC §7 <c>GET /api/admin/reports/daily?from=yyyy-MM-dd&amp;to=yyyy-MM-dd</c>: every UTC day from <c>from</c>
    /// to <c>to</c> (inclusive; by default yesterday and today by the game clock; at most
    /// <see cref="ReportRules.MaxDays"/> days) as <see cref="DailyReportResponse"/>, amounts in rupees with two
    /// decimals; or as CSV (<see cref="Csv"/>). A malformed date, a start after the end or too many days is 400.
    /// </summary>
    private static async Task<Results<Ok<ApiResponse<DailyReportResponse>>, ContentHttpResult>> GetDaily(string? from, string? to, HttpContext context, IGrainFactory grains)
    {
        var report = await grains.GetGrain<IBusinessReportGrain>(0).Daily(RequestValues.Day(from, "from"), RequestValues.Day(to, "to"));
        var response = new DailyReportResponse(DayAnchorResponse.Iso(report.From), DayAnchorResponse.Iso(report.To), report.Days.Select(ReportDayResponse.From).ToList());

        // One address, two representations: a shared cache keeps them apart by Accept (RFC 9110 §12.5.5).
        context.Response.Headers.Vary = "Accept";
        if (!CsvResponses.Preferred(context.Request))
        {
            return ApiResponse.Ok(response);
        }

        context.Response.Headers.ContentDisposition = $"attachment; filename=\"daily-report-{response.From}-{response.To}.csv\"";
        return TypedResults.Text(Csv(response), CsvResponses.MediaType, Encoding.UTF8);
    }

    /// <summary>
    /// <see cref="CsvHeader"/>, then per day one line per game-duration (its bet-book figures; the ledger's
    /// columns empty) and one <c>all</c> line with the day's ledger totals. RFC 4180 with CRLF line ends; no
    /// field needs quoting (days, wire names, numbers). Amounts as in the JSON: rupees with two decimals.
    /// </summary>
    private static string Csv(DailyReportResponse report)
    {
        var csv = new StringBuilder(CsvHeader).Append("\r\n");
        foreach (var day in report.Days)
        {
            foreach (var game in day.Games)
            {
                csv.Append(CultureInfo.InvariantCulture,
                    $"{day.Date},{game.Game},{game.Duration},{game.ActivePlayers},{game.Bets},{game.Stakes},{game.Payouts},{game.Refunds},{game.Ggr},,,,,,,\r\n");
            }

            csv.Append(CultureInfo.InvariantCulture,
                $"{day.Date},{AllGames},,{day.ActivePlayers},{day.Bets},{day.Stakes},{day.Payouts},{day.Refunds},{day.Ggr},{day.Deposits},{day.WithdrawalsPaid},{day.Bonuses},{day.Commissions},{day.Rebates},{day.AdminCredits},{day.AdminDebits}\r\n");
        }

        return csv.ToString();
    }
}
