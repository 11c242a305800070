using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using GameServer.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GameServer.Browser.Tests;

/// <summary>
/// The operator console for the staff roles of issue 18 (SPEC §4, §7) and what the player app shows of their
/// actions, in headless Chromium against a real frontend and a cluster of each test's own: roles, suspension
/// and reinstatement, the staff audit trail, announcements arriving live, and the daily report with its CSV.
/// </summary>
public sealed class ConsoleStaffTests(Chromium chromium) : ServedClusterTests, IClassFixture<Chromium>
{
    private const string AdminPhone = "9000000000";
    private const string AdminPassword = "dev-admin-password";

    private static readonly BrowserNewContextOptions Desk = new() { ViewportSize = new ViewportSize { Width = 1280, Height = 900 }, AcceptDownloads = true };

    private readonly List<string> pageErrors = [];

    public override Task InitializeAsync()
    {
        // Suspensions and announcements reach the app through the cluster's streams and the hub: more than 5 s on a busy 2-core machine.
        SetDefaultExpectTimeout(15_000);
        return base.InitializeAsync();
    }

    [Fact]
    public async Task An_admin_makes_a_player_support_who_then_looks_players_up_by_invite_code_without_withdrawals_money_or_suspension_controls()
    {
        var member = await Http.NewPlayerAsync();
        var looked = await Http.NewPlayerAsync();
        var inviteCode = (await Http.GetJsonAsync("/api/users/profile", looked.Token)).GetProperty("data").GetProperty("invite_code").GetString()!;

        // The admin finds the future support member by phone number and changes the role, with a reason and a confirmation.
        await using var adminContext = await chromium.Browser.NewContextAsync(Desk);
        var console = await OpenConsole(adminContext, AdminPhone, AdminPassword);
        await Expect(console.Locator("[data-testid=console-tabs] a")).ToHaveTextAsync(["Withdrawals", "Players", "Reports", "Staff actions", "Announcements", "Health"]);
        await FindPlayer(console, member.Phone);
        var roleForm = console.Locator("[data-testid=role-form]");
        await roleForm.Locator("select[name=role]").SelectOptionAsync("support");
        await roleForm.Locator("input[name=reason]").FillAsync("joins the support desk");
        await roleForm.Locator("[data-testid=submit]").ClickAsync();
        await Expect(roleForm.Locator("[data-testid=confirm-question]")).ToContainTextAsync("support staff");
        await roleForm.Locator("[data-testid=submit]").ClickAsync();
        await Expect(console.Locator("[data-testid=player-role]")).ToHaveTextAsync("support");

        // The support member's console: players, the trail and announcements only, read-only.
        await using var supportContext = await chromium.Browser.NewContextAsync(Desk);
        var support = await OpenConsole(supportContext, member.Phone, ApiClientExtensions.Password);
        await Expect(support.Locator("[data-testid=staff-role]")).ToHaveTextAsync("support");
        await Expect(support.Locator("[data-testid=console-tabs] a")).ToHaveTextAsync(["Players", "Staff actions", "Announcements"]);
        await support.GotoAsync(Url("/admin/#/withdrawals"));
        await Expect(support.Locator("[data-testid=withdrawals]")).ToHaveCountAsync(0);
        await FindPlayer(support, inviteCode.ToLowerInvariant());
        await Expect(support.Locator("[data-testid=player-profile] h2")).ToHaveTextAsync($"Player {looked.UserId}");
        await Expect(support.Locator("[data-testid=player-invite-code]")).ToHaveTextAsync(inviteCode);
        await Expect(support.Locator("[data-testid=admin-actions]")).ToHaveCountAsync(0);
        await Expect(support.Locator("[data-testid=adjust]")).ToHaveCountAsync(0);
        await support.Locator("[data-testid=player-views] a[data-view=sessions]").ClickAsync();
        await Expect(support.Locator("[data-testid=player-sessions] tbody tr").First).ToBeVisibleAsync();

        // The trail shows the role change with its reason, to the support member too; there is no publish form for them.
        await support.GotoAsync(Url("/admin/#/staff-actions"));
        await support.Locator("[data-testid=staff-action-filters] select[name=action]").SelectOptionAsync("role_change");
        await support.Locator("[data-testid=staff-action-filters] button[type=submit]").ClickAsync();
        var row = support.Locator("[data-testid=staff-actions] tbody tr[data-action=role_change]");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.Locator("[data-testid=action-reason]")).ToHaveTextAsync("joins the support desk");
        await support.GotoAsync(Url("/admin/#/announcements"));
        await Expect(support.Locator("[data-testid=announcements]")).ToBeVisibleAsync();
        await Expect(support.Locator("[data-testid=publish-form]")).ToHaveCountAsync(0);
        Assert.Empty(pageErrors);
    }

    [Fact]
    public async Task A_finance_member_pays_a_withdrawal_to_its_full_upi_id_sees_the_audit_conserved_and_has_no_admin_controls()
    {
        var admin = await AdminToken();
        var member = await Http.NewPlayerAsync();
        using (var promote = new HttpRequestMessage(HttpMethod.Put, $"/api/admin/users/{member.UserId}/role") { Content = JsonContent.Create(new { role = "finance", reason = "runs the payouts" }) })
        {
            promote.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
            using var promoted = await Http.SendAsync(promote);
            Assert.Equal(HttpStatusCode.OK, promoted.StatusCode);
        }

        var player = await Http.NewPlayerAsync();
        var vpa = $"finance{player.UserId}@okaxis";
        await Http.PostJsonAsync("/api/wallet/deposit", new { amount = 500, gateway = "test" }, token: player.Token);
        var method = (await Http.PostJsonAsync("/api/wallet/payout-methods", new { kind = "upi", vpa }, token: player.Token)).GetProperty("data").GetProperty("method_id").GetString();
        var withdrawal = (await Http.PostJsonAsync("/api/wallet/withdraw", new { amount = 200, method_id = method }, token: player.Token)).GetProperty("data").GetProperty("withdrawal_id").GetString();

        // Finance sees every page but the cluster, with the withdrawal's full UPI id to pay to.
        await using var financeContext = await chromium.Browser.NewContextAsync(Desk);
        var finance = await OpenConsole(financeContext, member.Phone, ApiClientExtensions.Password);
        await Expect(finance.Locator("[data-testid=staff-role]")).ToHaveTextAsync("finance");
        await Expect(finance.Locator("[data-testid=console-tabs] a")).ToHaveTextAsync(["Withdrawals", "Players", "Reports", "Staff actions", "Announcements", "Health"]);
        var row = finance.Locator($"[data-testid=withdrawals] tr[data-withdrawal='{withdrawal}']");
        await Expect(row.Locator("[data-testid=destination]")).ToHaveTextAsync($"UPI {vpa}");
        await row.Locator("[data-testid=approve]").ClickAsync();
        await Expect(row).ToHaveCountAsync(0);
        var paid = (await Http.GetJsonAsync("/api/wallet/balance", player.Token)).GetProperty("data");
        Assert.Equal((300m, 0m), (paid.GetProperty("balance").GetDecimal(), paid.GetProperty("held").GetDecimal()));

        await finance.GotoAsync(Url("/admin/#/health"));
        await Expect(finance.Locator("[data-testid=conserved]")).ToHaveTextAsync("Conserved: every paisa is accounted for.");
        await Expect(finance.Locator("[data-testid=cluster]")).ToHaveCountAsync(0);

        // Looking the player up shows the profile, not the admin's controls; there is no publish form.
        await FindPlayer(finance, player.UserId.ToString(CultureInfo.InvariantCulture));
        await Expect(finance.Locator("[data-testid=admin-actions]")).ToHaveCountAsync(0);
        await Expect(finance.Locator("[data-testid=adjust]")).ToHaveCountAsync(0);
        await finance.GotoAsync(Url("/admin/#/announcements"));
        await Expect(finance.Locator("[data-testid=announcements]")).ToBeVisibleAsync();
        await Expect(finance.Locator("[data-testid=publish-form]")).ToHaveCountAsync(0);
        Assert.Empty(pageErrors);
    }

    [Fact]
    public async Task A_player_suspended_in_the_console_is_signed_out_of_the_open_app_with_the_reason_in_the_trail_and_reinstated_plays_again()
    {
        var player = await Http.NewPlayerAsync();
        await using var playerContext = await chromium.Browser.NewContextAsync(Phone);
        var app = await playerContext.NewPageAsync();
        WatchErrors(app, pageErrors);
        await LogIn(app, player.Phone);
        await Expect(app.Locator("[data-testid=connection]")).ToHaveCountAsync(0);

        await using var adminContext = await chromium.Browser.NewContextAsync(Desk);
        var console = await OpenConsole(adminContext, AdminPhone, AdminPassword);
        await FindPlayer(console, player.UserId.ToString(CultureInfo.InvariantCulture));
        await Expect(console.Locator("[data-testid=player-status]")).ToHaveTextAsync("active");
        var suspend = console.Locator("[data-testid=suspend-form]");
        await suspend.Locator("[data-testid=submit]").ClickAsync();
        await Expect(suspend.Locator(".error")).ToContainTextAsync("Give a reason");
        await suspend.Locator("input[name=reason]").FillAsync("chargeback under review");
        await suspend.Locator("[data-testid=submit]").ClickAsync();
        await Expect(suspend.Locator("[data-testid=confirm-question]")).ToContainTextAsync($"Suspend player {player.UserId}?");
        await suspend.Locator("[data-testid=submit]").ClickAsync();

        await Expect(console.Locator("[data-testid=suspension]")).ToContainTextAsync("Suspended");
        await Expect(console.Locator("[data-testid=suspension-reason]")).ToHaveTextAsync("chargeback under review");
        await Expect(console.Locator("[data-testid=player-status]")).ToHaveTextAsync("suspended");
        await Screenshot(console, "console-player");

        // The open app hears accountSuspended: signed out, told why.
        await Expect(app.Locator("[data-testid=app-notice]")).ToHaveTextAsync("This account is suspended; please contact support.");
        await Expect(app.Locator("[data-testid=login-form]")).ToBeVisibleAsync();
        Assert.Null(await app.EvaluateAsync<string?>("localStorage.getItem('gameserver.session')"));

        // Logging in again is refused in the server's words.
        await app.FillAsync("[data-testid=login-form] input[name=phone]", player.Phone);
        await app.FillAsync("[data-testid=login-form] input[name=password]", ApiClientExtensions.Password);
        await app.ClickAsync("[data-testid=login-form] button[type=submit]");
        await Expect(app.Locator("[data-testid=login-form] .error")).ToHaveTextAsync("This account is suspended; please contact support.");

        // The staff-actions page lists the suspension with its reason; so does the player's own tab.
        await console.Locator("[data-testid=player-views] a[data-view=staff-actions]").ClickAsync();
        await Expect(console.Locator("[data-testid=staff-actions] tr[data-action=suspend] [data-testid=action-reason]")).ToHaveTextAsync("chargeback under review");
        await console.GotoAsync(Url("/admin/#/staff-actions"));
        await console.Locator("[data-testid=staff-action-filters] input[name=user_id]").FillAsync(player.UserId.ToString(CultureInfo.InvariantCulture));
        await console.Locator("[data-testid=staff-action-filters] select[name=action]").SelectOptionAsync("suspend");
        await console.Locator("[data-testid=staff-action-filters] button[type=submit]").ClickAsync();
        await Expect(console.Locator("[data-testid=staff-actions] tbody tr")).ToHaveCountAsync(1);
        await Expect(console.Locator("[data-testid=staff-actions] tbody tr [data-testid=action-reason]")).ToHaveTextAsync("chargeback under review");

        // Reinstated, the player logs in again.
        await console.GotoAsync(Url($"/admin/#/players/{player.UserId}"));
        var reinstate = console.Locator("[data-testid=reinstate-form]");
        await reinstate.Locator("input[name=reason]").FillAsync("chargeback withdrawn");
        await reinstate.Locator("[data-testid=submit]").ClickAsync();
        await reinstate.Locator("[data-testid=submit]").ClickAsync();
        await Expect(console.Locator("[data-testid=suspension]")).ToHaveCountAsync(0);
        await Expect(console.Locator("[data-testid=player-status]")).ToHaveTextAsync("active");
        await app.ClickAsync("[data-testid=login-form] button[type=submit]");
        await Expect(app.Locator("[data-testid=bet-board]")).ToBeVisibleAsync();
        await Expect(app.Locator("[data-testid=app-notice]")).ToHaveCountAsync(0);
        Assert.Empty(pageErrors);
    }

    [Fact]
    public async Task An_announcement_the_admin_publishes_appears_in_the_open_player_app_without_a_reload()
    {
        var player = await Http.NewPlayerAsync();
        await using var playerContext = await chromium.Browser.NewContextAsync(Phone);
        var app = await playerContext.NewPageAsync();
        WatchErrors(app, pageErrors);
        await LogIn(app, player.Phone);
        await Expect(app.Locator("[data-testid=connection]")).ToHaveCountAsync(0);
        await Expect(app.Locator("[data-testid=announcements]")).ToHaveCountAsync(0);

        await using var adminContext = await chromium.Browser.NewContextAsync(Desk);
        var console = await OpenConsole(adminContext, AdminPhone, AdminPassword);
        await console.GotoAsync(Url("/admin/#/announcements"));
        var form = console.Locator("[data-testid=publish-form]");
        await form.Locator("input[name=title]").FillAsync("Diwali bonus week");
        await form.Locator("textarea[name=text]").FillAsync("Double attendance bonuses until Sunday.");
        var published = console.WaitForRequestAsync(request => request.Url.EndsWith("/api/admin/announcements", StringComparison.Ordinal) && request.Method == "POST");
        await form.Locator("button[type=submit]").ClickAsync();
        Assert.NotNull((await published).Headers.GetValueOrDefault("idempotency-key"));
        await Expect(form.Locator("[data-testid=published]")).ToContainTextAsync("Diwali bonus week");
        await Expect(console.Locator("[data-testid=announcements] li[data-phase=current]")).ToContainTextAsync("Diwali bonus week");

        await Expect(app.Locator("[data-testid=announcements]")).ToContainTextAsync("Double attendance bonuses until Sunday.");

        // And it is there on the next visit, read over HTTP.
        await app.ReloadAsync();
        await Expect(app.Locator("[data-testid=announcements]")).ToContainTextAsync("Diwali bonus week");
        var trail = (await Http.GetJsonAsync("/api/admin/staff-actions?action=announcement", await AdminToken())).GetProperty("data").GetProperty("total").GetInt64();
        Assert.Equal(1, trail);
        Assert.Empty(pageErrors);
    }

    [Fact]
    public async Task The_reports_page_shows_the_days_figures_of_a_deposit_and_a_bet_as_the_api_has_them_and_downloads_the_csv()
    {
        var player = await Http.NewPlayerAsync();
        await Http.PostJsonAsync("/api/wallet/deposit", new { amount = 500, gateway = "test" }, token: player.Token);
        await Http.PostJsonAsync("/api/games/wingo/bet", new { amount = 50, type = "color", value = "green", duration = 30 }, token: player.Token);
        var day = Cluster.Clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var admin = await AdminToken();
        var served = (await Http.GetJsonAsync($"/api/admin/reports/daily?from={day}&to={day}", admin)).GetProperty("data").GetProperty("days")[0];
        Assert.Equal((500m, 50m, 1L), (served.GetProperty("deposits").GetDecimal(), served.GetProperty("stakes").GetDecimal(), served.GetProperty("bets").GetInt64()));

        await using var adminContext = await chromium.Browser.NewContextAsync(Desk);
        var console = await OpenConsole(adminContext, AdminPhone, AdminPassword);
        await console.GotoAsync(Url("/admin/#/reports"));
        var range = console.Locator("[data-testid=report-range]");
        await range.Locator("input[name=from]").FillAsync(day);
        await range.Locator("input[name=to]").FillAsync(day);
        await range.Locator("button[type=submit]").ClickAsync();
        var row = console.Locator($"[data-testid=report-days] tr[data-date='{day}']");
        await Expect(console.Locator("[data-testid=report-days] tbody tr")).ToHaveCountAsync(1);
        foreach (var field in new[] { "deposits", "stakes", "payouts", "ggr", "withdrawals_paid", "bonuses", "commissions", "rebates" })
        {
            await Expect(row.Locator($"td[data-field={field}]")).ToHaveTextAsync(Rupees(served.GetProperty(field).GetDecimal()));
        }

        await Expect(row.Locator("td[data-field=active_players]")).ToHaveTextAsync(served.GetProperty("active_players").GetInt64().ToString(CultureInfo.InvariantCulture));
        await Expect(row.Locator("td[data-field=bets]")).ToHaveTextAsync("1");
        var game = console.Locator($"[data-testid=report-games] tr[data-game='wingo/30']");
        await Expect(game.Locator("td[data-field=stakes]")).ToHaveTextAsync("₹50.00");
        await Screenshot(console, "console-reports");

        var download = await console.RunAndWaitForDownloadAsync(() => console.Locator("[data-testid=download-csv]").ClickAsync());
        Assert.Equal($"daily-report-{day}-{day}.csv", download.SuggestedFilename);
        var lines = await File.ReadAllLinesAsync(await download.PathAsync());
        Assert.StartsWith("date,game,duration,active_players,bets,stakes,payouts,refunds,ggr,deposits,", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, line => line.StartsWith($"{day},all,", StringComparison.Ordinal) && line.Contains(",500.00,", StringComparison.Ordinal));
        Assert.Empty(pageErrors);
    }

    private async Task<IPage> OpenConsole(IBrowserContext context, string phone, string password)
    {
        var page = await context.NewPageAsync();
        WatchErrors(page, pageErrors);
        await page.GotoAsync(Url("/admin/"));
        await page.FillAsync("[data-testid=console-login] input[name=phone]", phone);
        await page.FillAsync("[data-testid=console-login] input[name=password]", password);
        await page.ClickAsync("[data-testid=console-login] button[type=submit]");
        await Expect(page.Locator("[data-testid=console-tabs]")).ToBeVisibleAsync();
        return page;
    }

    private async Task FindPlayer(IPage console, string search)
    {
        await console.GotoAsync(Url("/admin/#/players"));
        await console.FillAsync("[data-testid=player-search] input[name=search]", search);
        await console.ClickAsync("[data-testid=player-search] button[type=submit]");
        await Expect(console.Locator("[data-testid=player-profile]")).ToBeVisibleAsync();
    }

    private async Task<string> AdminToken() => await Http.LoginAsync(AdminPhone, AdminPassword);
}
