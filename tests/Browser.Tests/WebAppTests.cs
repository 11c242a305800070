using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using GameServer.Games;
using GameServer.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GameServer.Browser.Tests;

/// <summary>
/// The player app at <c>/</c> and the operator console at <c>/admin/</c>, driven in headless Chromium
/// at phone size against a real frontend and cluster: everything goes through the public API and the
/// SignalR hub, as for any client. The game clock is the cluster's test clock; the app counts down by
/// the game's time (<c>server_time</c> and <c>periodOpened</c>), so moving that clock ends a period.
/// </summary>
public sealed class WebAppTests(Chromium chromium) : ServedClusterTests, IClassFixture<Chromium>
{
    public override Task InitializeAsync()
    {
        // Results and balances arrive over the hub through the cluster's streams: more than Playwright's default 5 s on a busy 2-core machine.
        SetDefaultExpectTimeout(15_000);
        return base.InitializeAsync();
    }

    [Fact]
    public async Task A_player_invited_by_link_deposits_bets_sees_the_result_and_balance_live_verifies_it_and_an_admin_pays_the_withdrawal()
    {
        var inviter = await Http.NewPlayerAsync();
        var inviteCode = (await Http.GetJsonAsync("/api/users/profile", inviter.Token)).GetProperty("data").GetProperty("invite_code").GetString()!;
        var key = new GameKey(GameId.Wingo, 30);
        var phone = ApiClientExtensions.NewPhoneNumber();

        await using var context = await chromium.Browser.NewContextAsync(Phone);
        var page = await context.NewPageAsync();
        var pageErrors = new List<string>();
        WatchErrors(page, pageErrors);

        // Signing up through the invite link: the code is filled in, and the app goes on to the deposit.
        await page.GotoAsync(Url($"/?invite={inviteCode}"));
        await Expect(page.Locator("input[name=invite]")).ToHaveValueAsync(inviteCode);
        await page.FillAsync("input[name=phone]", phone);
        await page.FillAsync("input[name=password]", ApiClientExtensions.Password);
        await Screenshot(page, "sign-up");
        await page.ClickAsync("[data-testid=register-form] button[type=submit]");
        await Expect(page.Locator("[data-testid=deposit-form]")).ToBeVisibleAsync();
        var team = (await Http.GetJsonAsync($"/api/users/{inviter.UserId}/team-summary", inviter.Token)).GetProperty("data").GetProperty("levels");
        Assert.Equal(1, team[0].GetProperty("members").GetInt64());

        await page.FillAsync("[data-testid=deposit-form] input[name=amount]", "500");
        await page.SelectOptionAsync("[data-testid=deposit-form] select[name=gateway]", "test");
        await page.ClickAsync("[data-testid=deposit-form] button[type=submit]");
        await Expect(page.Locator("[data-testid=deposit-status]")).ToContainTextAsync("added to your balance");
        await Expect(page.Locator("[data-testid=balance]")).ToHaveTextAsync("₹500.00");
        await Screenshot(page, "wallet");

        // A bet on Wingo 30 s: the slip's total, the balance at once.
        await page.GotoAsync(Url("/#/game/wingo/30"));
        var periodId = Schedule.PeriodAt(key, Cluster.Clock.GetUtcNow()).PeriodId;
        await Expect(page.Locator("[data-testid=period-id]")).ToHaveTextAsync(periodId);
        await Expect(page.Locator("[data-testid=connection]")).ToHaveCountAsync(0);
        await page.ClickAsync("[data-bet='color::green']");
        await page.ClickAsync("[data-testid=bet-slip] .chip:text('₹10')");
        await page.ClickAsync("[data-testid=bet-slip] .chip:text('×5')");
        await Expect(page.Locator("[data-testid=slip-total]")).ToHaveTextAsync("₹50.00");
        await Expect(page.Locator("[data-testid=slip-win]")).ToContainTextAsync("₹98.00"); // floor(50 × 0.98 × 2): the fee is said before the bet
        var commit = (await Http.GetJsonAsync("/api/games/wingo/periods?duration=30")).GetProperty("data").GetProperty("commit").GetString()!;
        await Expect(page.Locator("[data-testid=commit]")).ToContainTextAsync(commit);
        await page.ClickAsync("[data-testid=place-bet]");
        await Expect(page.Locator("[data-testid=balance]")).ToHaveTextAsync("₹450.00");
        await Expect(page.Locator("[data-testid=my-bets] tbody tr")).ToHaveCountAsync(1);
        await Screenshot(page, "game-wingo-30s");

        // The period ends by the game's clock; the result, the settlement and the balance arrive without a reload.
        Cluster.Clock.SetUtcNow(Schedule.PeriodAt(key, Cluster.Clock.GetUtcNow()).EndsAt.AddSeconds(1));
        await Http.GetJsonAsync("/api/games/wingo/periods?duration=30");
        var proof = (await Http.GetJsonAsync($"/api/games/wingo/30/periods/{periodId}")).GetProperty("data");
        var digit = proof.GetProperty("result")[0].GetInt32();
        var won = digit is 1 or 3 or 5 or 7 or 9;
        var expected = 450m + (won ? Math.Floor(50m * 0.98m * (digit == 5 ? 1.5m : 2m) * 100m) / 100m : 0m);

        await Expect(page.Locator($"[data-testid=results] tr[data-period='{periodId}']")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=balance]")).ToHaveTextAsync(Rupees(expected));
        await Expect(page.Locator("[data-testid=my-bets] tbody tr .status")).ToHaveTextAsync(won ? "won" : "lost");
        await Expect(page.Locator("[data-testid=period-id]")).Not.ToHaveTextAsync(periodId);
        var served = (await Http.GetJsonAsync("/api/wallet/balance", await Http.LoginAsync(phone, ApiClientExtensions.Password))).GetProperty("data");
        Assert.Equal(expected, served.GetProperty("balance").GetDecimal());
        await Screenshot(page, "result");

        // "Verify" recomputes the result in the browser from the revealed seed.
        var verifier = await page.RunAndWaitForPopupAsync(() => page.Locator($"[data-testid=results] tr[data-period='{periodId}'] [data-testid=verify]").ClickAsync());
        await Expect(verifier.Locator("#summary")).ToHaveAttributeAsync("data-failed", "0");
        Assert.Equal("2", await verifier.Locator("#summary").GetAttributeAsync("data-passed"));
        await Expect(verifier.Locator("#from-link")).ToContainTextAsync(proof.GetProperty("commit").GetString()!);

        // A withdrawal goes to a saved payout method (this cluster's silo has no cooling-off: a new one is ready at once),
        // shown masked to the player; a mistyped UPI id is refused with the rule it breaks.
        await page.GotoAsync(Url("/#/wallet/withdraw"));
        await Expect(page.Locator("[data-testid=withdraw-form] button[type=submit]")).ToBeDisabledAsync();
        var methods = page.Locator("[data-testid=payout-methods]");
        await methods.Locator("select[name=kind]").SelectOptionAsync("upi");
        await methods.Locator("input[name=vpa]").FillAsync("asha.rao.okaxis");
        await methods.Locator("button[type=submit]").ClickAsync();
        await Expect(methods.Locator(".error")).ToContainTextAsync("vpa must be a UPI id");
        await methods.Locator("input[name=vpa]").FillAsync("Asha.Rao@okaxis");
        await methods.Locator("button[type=submit]").ClickAsync();
        await Expect(page.Locator("[data-testid=method-status]")).ToContainTextAsync("ready for withdrawals");
        await Expect(methods.Locator("li[data-kind=upi]")).ToContainTextAsync("UPI as***@okaxis");
        await Expect(methods.Locator("li[data-kind=upi] [data-testid=usable]")).ToHaveTextAsync("Ready for withdrawals");
        await Screenshot(page, "payout-methods");

        // The withdrawal is held until an admin decides.
        await page.FillAsync("[data-testid=withdraw-form] input[name=amount]", "100");
        await Expect(page.Locator("[data-testid=withdraw-form] select[name=method]")).ToContainTextAsync("UPI as***@okaxis");
        await page.ClickAsync("[data-testid=withdraw-form] button[type=submit]");
        await Expect(page.Locator("[data-testid=withdraw-status]")).ToContainTextAsync("to UPI as***@okaxis requested; it is pending");
        await Expect(page.Locator("[data-testid=balance]")).ToHaveTextAsync(Rupees(expected - 100m));
        Assert.DoesNotContain("asha.rao@okaxis", await page.ContentAsync(), StringComparison.Ordinal);

        // The operator console: the queue, the approval, the player's balance and the audit.
        await using var adminContext = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var console = await adminContext.NewPageAsync();
        WatchErrors(console, pageErrors);
        await console.GotoAsync(Url("/admin/"));
        await console.FillAsync("[data-testid=console-login] input[name=phone]", "9000000000");
        await console.FillAsync("[data-testid=console-login] input[name=password]", "dev-admin-password");
        await console.ClickAsync("[data-testid=console-login] button[type=submit]");
        var row = console.Locator("[data-testid=withdrawals] tbody tr").Filter(new LocatorFilterOptions { HasText = "₹100.00" });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.Locator("[data-testid=destination]")).ToHaveTextAsync("UPI asha.rao@okaxis"); // in full: the console pays it
        await Screenshot(console, "console-withdrawals");
        await row.Locator("[data-testid=approve]").ClickAsync();
        await Expect(row).ToHaveCountAsync(0);

        await console.GotoAsync(Url("/admin/#/players"));
        await console.FillAsync("[data-testid=player-search] input[name=search]", phone);
        await console.ClickAsync("[data-testid=player-search] button[type=submit]");
        await Expect(console.Locator("[data-testid=player-balance]")).ToHaveTextAsync(Rupees(expected - 100m));
        await Expect(console.Locator("[data-testid=transactions] li[data-type=withdrawal_paid]")).ToHaveCountAsync(1);
        await console.GotoAsync(Url("/admin/#/health"));
        await Expect(console.Locator("[data-testid=conserved]")).ToContainTextAsync("Conserved");
        await Expect(console.Locator("[data-testid=active-silos]")).ToHaveTextAsync("1");
        await Screenshot(console, "console-health");

        // The player's app shows the paid withdrawal in the wallet's history.
        await page.GotoAsync(Url("/#/wallet"));
        await Expect(page.Locator("[data-testid=transactions] li[data-type=withdrawal_paid]")).ToHaveCountAsync(1);
        Assert.Empty(pageErrors);
    }

    [Fact]
    public async Task The_console_refuses_a_player_and_the_pages_are_served_with_a_strict_content_security_policy()
    {
        var player = await Http.NewPlayerAsync();
        await using var context = await chromium.Browser.NewContextAsync(Phone);
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync(Url("/admin/"));
        await page.FillAsync("[data-testid=console-login] input[name=phone]", player.Phone);
        await page.FillAsync("[data-testid=console-login] input[name=password]", ApiClientExtensions.Password);
        await page.ClickAsync("[data-testid=console-login] button[type=submit]");

        await Expect(page.Locator("h1")).ToHaveTextAsync("Operators only");
        var policy = (await response!.AllHeadersAsync())["content-security-policy"];
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dropped_connection_shows_reconnecting_and_once_back_the_app_shows_the_balance_changed_meanwhile()
    {
        var player = await Http.NewPlayerAsync();
        await using var context = await chromium.Browser.NewContextAsync(Phone);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        WatchErrors(page, errors);
        // The hub's WebSocket goes through a route the test can cut: Playwright's offline mode leaves open sockets alone.
        var cut = false;
        var sockets = new List<IWebSocketRoute>();
        await page.RouteWebSocketAsync(new System.Text.RegularExpressions.Regex("/hubs/game"), socket =>
        {
            if (Volatile.Read(ref cut))
            {
                _ = socket.CloseAsync();
                return;
            }

            socket.ConnectToServer();
            lock (sockets)
            {
                sockets.Add(socket);
            }
        });
        await LogIn(page, player.Phone);
        await Expect(page.Locator("[data-testid=balance]")).ToHaveTextAsync("₹0.00");
        await Expect(page.Locator("[data-testid=connection]")).ToHaveCountAsync(0);

        Volatile.Write(ref cut, true);
        IWebSocketRoute[] open;
        lock (sockets)
        {
            open = [.. sockets];
        }

        foreach (var socket in open)
        {
            await socket.CloseAsync();
        }

        await Expect(page.Locator("[data-testid=connection]")).ToContainTextAsync("Reconnecting");
        await Http.PostJsonAsync("/api/wallet/deposit", new { amount = 250, gateway = "test" }, token: player.Token);
        await Screenshot(page, "reconnecting");
        await Expect(page.Locator("[data-testid=balance]")).ToHaveTextAsync("₹0.00");
        Volatile.Write(ref cut, false);

        await Expect(page.Locator("[data-testid=balance]")).ToHaveTextAsync("₹250.00", new LocatorAssertionsToHaveTextOptions { Timeout = 30_000 });
        await Expect(page.Locator("[data-testid=connection]")).ToHaveCountAsync(0);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_bet_the_server_refuses_is_explained_in_its_words_and_moves_no_money()
    {
        var player = await Http.NewPlayerAsync();
        await Http.PostJsonAsync("/api/wallet/deposit", new { amount = 100, gateway = "test" }, token: player.Token);
        await Http.SendAsync(new HttpRequestMessage(HttpMethod.Put, "/api/wallet/limits")
        {
            Content = JsonContent.Create(new { daily_loss_limit = 10 }),
            Headers = { Authorization = new("Bearer", player.Token) },
        });
        await using var context = await chromium.Browser.NewContextAsync(Phone);
        var page = await context.NewPageAsync();
        await LogIn(page, player.Phone);
        await Expect(page.Locator("[data-testid=balance]")).ToHaveTextAsync("₹100.00");

        await page.ClickAsync("[data-bet='size::big']");
        await page.ClickAsync("[data-testid=bet-slip] .chip:text('₹10')");
        await page.ClickAsync("[data-testid=bet-slip] .chip:text('×5')");
        await page.ClickAsync("[data-testid=place-bet]");

        await Expect(page.Locator("[data-testid=bet-slip] .error")).ToHaveTextAsync("This bet could pass your daily loss limit of 10.00.");
        await Expect(page.Locator("[data-testid=balance]")).ToHaveTextAsync("₹100.00");
        var bets = (await Http.GetJsonAsync($"/api/users/{player.UserId}/bet-history", player.Token)).GetProperty("data").GetProperty("total").GetInt64();
        Assert.Equal(0, bets);
    }

    [Fact]
    public async Task A_bet_larger_than_the_balance_is_stopped_on_the_slip_before_it_is_sent()
    {
        var player = await Http.NewPlayerAsync();
        await Http.PostJsonAsync("/api/wallet/deposit", new { amount = 20, gateway = "test" }, token: player.Token);
        await using var context = await chromium.Browser.NewContextAsync(Phone);
        var page = await context.NewPageAsync();
        var bets = new List<string>();
        page.Request += (_, request) => { if (request.Url.Contains("/bet", StringComparison.Ordinal)) { bets.Add(request.Url); } };
        await LogIn(page, player.Phone);
        await Expect(page.Locator("[data-testid=balance]")).ToHaveTextAsync("₹20.00");

        await page.ClickAsync("[data-bet='size::big']");
        await page.ClickAsync("[data-testid=bet-slip] .chip:text('₹100')");
        await page.ClickAsync("[data-testid=place-bet]");

        await Expect(page.Locator("[data-testid=bet-slip] .error")).ToContainTextAsync("Your balance is ₹20.00");
        Assert.DoesNotContain(bets, url => url.EndsWith("/api/games/wingo/bet", StringComparison.Ordinal));
    }
}
