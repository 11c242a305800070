using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using GameServer.Testing;

namespace GameServer.Api.Tests;

/// <summary>
/// SPEC §4, §7 running the platform over HTTP: staff roles on every staff endpoint (a player, support, finance and
/// an admin each), roles checked as they are now, suspension end to end (login, refresh, hub, money), VIP overrides,
/// finding players by invite code, sessions, the staff audit trail and announcements live on the hub.
/// </summary>
[Collection(FrontendCollection.Name)]
public sealed class PlayerManagementApiTests(FrontendFixture fixture)
{
    private HttpClient Http => fixture.Http;

    [Fact]
    public async Task Each_staff_endpoint_answers_each_role_as_the_spec_assigns_and_no_token_401()
    {
        var admin = await fixture.AdminToken();
        var support = await Staff("support");
        var finance = await Staff("finance");
        var player = await Http.NewPlayerAsync();
        var subject = await Http.NewPlayerAsync();
        var ok = HttpStatusCode.OK;
        var no = HttpStatusCode.Forbidden;

        // (method, path, body, expected for player, support, finance) — an admin may do everything.
        (HttpMethod Method, string Path, object? Body, HttpStatusCode[] Expected)[] endpoints =
        [
            (HttpMethod.Get, $"/api/admin/users/{subject.UserId}", null, [no, ok, ok]),
            (HttpMethod.Get, $"/api/admin/users?invite_code={await InviteCode(subject.Token)}", null, [no, ok, ok]),
            (HttpMethod.Get, $"/api/admin/users/{subject.UserId}/transactions", null, [no, ok, ok]),
            (HttpMethod.Get, $"/api/admin/users/{subject.UserId}/sessions", null, [no, ok, ok]),
            (HttpMethod.Get, $"/api/admin/users/{subject.UserId}/payout-methods", null, [no, ok, ok]),
            (HttpMethod.Get, $"/api/users/{subject.UserId}/bet-history", null, [no, ok, ok]),
            (HttpMethod.Get, $"/api/users/{subject.UserId}/team-summary", null, [no, ok, ok]),
            (HttpMethod.Get, $"/api/users/{subject.UserId}/staff-actions", null, [no, ok, ok]),
            (HttpMethod.Get, "/api/admin/staff-actions", null, [no, ok, ok]),
            (HttpMethod.Get, "/api/admin/announcements", null, [no, ok, ok]),
            (HttpMethod.Get, "/api/admin/withdrawals", null, [no, no, ok]),
            (HttpMethod.Get, "/api/admin/deposits/flagged", null, [no, no, ok]),
            (HttpMethod.Get, "/api/admin/audit", null, [no, no, ok]),
            (HttpMethod.Get, "/api/admin/reports/daily", null, [no, no, ok]),
            (HttpMethod.Get, "/api/admin/cluster", null, [no, no, no]),
            (HttpMethod.Post, $"/api/admin/users/{subject.UserId}/credit", new { amount = 1, reason = "role test" }, [no, no, no]),
            (HttpMethod.Post, $"/api/admin/users/{subject.UserId}/debit", new { amount = 1, reason = "role test" }, [no, no, no]),
            (HttpMethod.Post, $"/api/admin/users/{subject.UserId}/suspend", new { reason = "role test" }, [no, no, no]),
            (HttpMethod.Post, $"/api/admin/users/{subject.UserId}/reinstate", new { reason = "role test" }, [no, no, no]),
            (HttpMethod.Put, $"/api/admin/users/{subject.UserId}/role", new { role = "finance", reason = "role test" }, [no, no, no]),
            (HttpMethod.Put, $"/api/admin/users/{subject.UserId}/vip", new { level = 5, reason = "role test" }, [no, no, no]),
            (HttpMethod.Post, "/api/admin/announcements", new { title = "Role test", text = "x", ends_at = DateTimeOffset.UtcNow.AddDays(1) }, [no, no, no]),
        ];

        foreach (var (method, path, body, expected) in endpoints)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await StatusOf(method, path, body, token: null));
            foreach (var (token, status, who) in new[] { (player.Token, expected[0], "player"), (support, expected[1], "support"), (finance, expected[2], "finance") })
            {
                Assert.True(status == await StatusOf(method, path, body, token), $"{who} {method} {path}: expected {(int)status}");
            }
        }

        // Nothing a refused caller asked for happened; then the admin may do each.
        var untouched = (await Http.GetJsonAsync($"/api/admin/users/{subject.UserId}", admin)).GetProperty("data");
        Assert.Equal((0m, "player", 0, JsonValueKind.Null), (untouched.GetProperty("balance").GetDecimal(), untouched.GetProperty("role").GetString(),
            untouched.GetProperty("vip_level").GetInt32(), untouched.GetProperty("suspension").ValueKind));
        foreach (var (method, path, body, _) in endpoints.Where(endpoint => !endpoint.Path.EndsWith("/debit", StringComparison.Ordinal)))
        {
            var status = await StatusOf(method, path, body, admin);
            Assert.True(status is HttpStatusCode.OK or HttpStatusCode.Created, $"admin {method} {path}: {(int)status}");
        }
    }

    [Fact]
    public async Task A_demoted_staff_members_token_loses_the_staff_endpoints_at_once()
    {
        var admin = await fixture.AdminToken();
        var (userId, token) = await StaffWithId("finance");
        Assert.Equal(HttpStatusCode.OK, await StatusOf(HttpMethod.Get, "/api/admin/withdrawals", null, token));

        await Send(HttpMethod.Put, $"/api/admin/users/{userId}/role", new { role = "player", reason = "left the company" }, admin);

        Assert.Equal(HttpStatusCode.Forbidden, await StatusOf(HttpMethod.Get, "/api/admin/withdrawals", null, token));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusOf(HttpMethod.Get, "/api/admin/users/1", null, token));
        var change = (await Http.GetJsonAsync($"/api/admin/staff-actions?user_id={userId}&action=role_change", admin)).GetProperty("data").GetProperty("items");
        Assert.Equal(["finance -> player", "player -> finance"], change.EnumerateArray().Select(item => item.GetProperty("subject").GetString()));
        Assert.Equal("left the company", change[0].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_suspended_player_is_signed_out_everywhere_and_refused_money_while_staff_and_the_player_see_why()
    {
        var admin = await fixture.AdminToken();
        var player = await Http.NewPlayerAsync();
        await Http.PostJsonAsync("/api/wallet/deposit", new { amount = 100, gateway = "test" }, token: player.Token);
        var method = await Http.SavePayoutMethodAsync(player.Token);
        var login = (await Http.PostJsonAsync("/api/users/login", new { phone_no = player.Phone, password = ApiClientExtensions.Password })).GetProperty("data");
        var refreshToken = login.GetProperty("refresh_token").GetString()!;
        await using var hub = await HubClient.ConnectAsync(fixture.Frontend, player.Token);
        Assert.Equal(2, (await Http.GetJsonAsync($"/api/admin/users/{player.UserId}/sessions", admin)).GetProperty("data").GetArrayLength());

        var suspended = (await Http.PostJsonAsync($"/api/admin/users/{player.UserId}/suspend", new { reason = "chargeback" }, token: admin)).GetProperty("data");

        Assert.Equal("chargeback", suspended.GetProperty("suspension").GetProperty("reason").GetString());
        Assert.Equal(JsonValueKind.Number, suspended.GetProperty("suspension").GetProperty("suspended_by").ValueKind);
        var ownSuspension = (await Http.GetJsonAsync("/api/users/profile", player.Token)).GetProperty("data").GetProperty("suspension");
        Assert.Equal(("chargeback", JsonValueKind.Null), (ownSuspension.GetProperty("reason").GetString(), ownSuspension.GetProperty("suspended_by").ValueKind));
        await hub.Closed.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Single(hub.PayloadsOf("accountSuspended"));
        Assert.Equal(0, (await Http.GetJsonAsync($"/api/admin/users/{player.UserId}/sessions", admin)).GetProperty("data").GetArrayLength());
        var refusedLogin = await Http.PostJsonAsync("/api/users/login", new { phone_no = player.Phone, password = ApiClientExtensions.Password }, HttpStatusCode.Forbidden);
        Assert.Contains("suspended", refusedLogin.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await Http.PostJsonAsync("/api/users/login", new { phone_no = player.Phone, password = "not-the-password" }, HttpStatusCode.Unauthorized);
        await Http.PostJsonAsync("/api/users/token/refresh", new { refresh_token = refreshToken }, HttpStatusCode.Unauthorized);
        await Http.PostJsonAsync("/api/wallet/deposit", new { amount = 10, gateway = "test" }, HttpStatusCode.Forbidden, player.Token);
        await Http.PostJsonAsync("/api/wallet/withdraw", new { amount = 10, method_id = method }, HttpStatusCode.Forbidden, player.Token);
        await AssertHubRefuses(player.Token);
        Assert.Equal(100m, (await Http.GetJsonAsync("/api/wallet/balance", player.Token)).GetProperty("data").GetProperty("balance").GetDecimal());
        var ownTrail = (await Http.GetJsonAsync($"/api/users/{player.UserId}/staff-actions", player.Token)).GetProperty("data").GetProperty("items")[0];
        Assert.Equal(("suspend", "chargeback", JsonValueKind.Null), (ownTrail.GetProperty("action").GetString(), ownTrail.GetProperty("reason").GetString(), ownTrail.GetProperty("staff_id").ValueKind));
        var other = await Http.NewPlayerAsync();
        await Http.GetJsonAsync($"/api/users/{player.UserId}/staff-actions", other.Token, HttpStatusCode.Forbidden);

        await Http.PostJsonAsync($"/api/admin/users/{player.UserId}/reinstate", new { reason = "cleared" }, token: admin);
        var again = await Http.LoginAsync(player.Phone, ApiClientExtensions.Password);
        await Http.PostJsonAsync("/api/wallet/deposit", new { amount = 10, gateway = "test" }, token: again);
    }

    [Fact]
    public async Task Staff_inputs_that_break_a_rule_are_problems_that_change_nothing()
    {
        var admin = await fixture.AdminToken();
        var player = await Http.NewPlayerAsync();
        var staffMember = await StaffWithId("support");

        Assert.Equal(HttpStatusCode.BadRequest, await StatusOf(HttpMethod.Post, $"/api/admin/users/{player.UserId}/suspend", new { reason = "  " }, admin));
        Assert.Equal(HttpStatusCode.BadRequest, await StatusOf(HttpMethod.Post, $"/api/admin/users/{player.UserId}/suspend", new { reason = new string('x', 501) }, admin));
        Assert.Equal(HttpStatusCode.Conflict, await StatusOf(HttpMethod.Post, $"/api/admin/users/{staffMember.UserId}/suspend", new { reason = "staff" }, admin));
        Assert.Equal(HttpStatusCode.NotFound, await StatusOf(HttpMethod.Post, "/api/admin/users/1/suspend", new { reason = "nobody" }, admin));
        Assert.Equal(HttpStatusCode.BadRequest, await StatusOf(HttpMethod.Put, $"/api/admin/users/{player.UserId}/role", new { role = "owner", reason = "x" }, admin));
        Assert.Equal(HttpStatusCode.BadRequest, await StatusOf(HttpMethod.Put, $"/api/admin/users/{player.UserId}/role", new { role = "1", reason = "x" }, admin));
        Assert.Equal(HttpStatusCode.BadRequest, await StatusOf(HttpMethod.Put, $"/api/admin/users/{player.UserId}/vip", new { level = 11, reason = "x" }, admin));
        Assert.Equal(HttpStatusCode.BadRequest, await StatusOf(HttpMethod.Put, $"/api/admin/users/{player.UserId}/vip", new { level = 3, follow_turnover = true, reason = "x" }, admin));
        Assert.Equal(HttpStatusCode.BadRequest, await StatusOf(HttpMethod.Get, "/api/admin/users?phone=9876543210&invite_code=ABCDEFGH", null, admin));
        Assert.Equal(HttpStatusCode.BadRequest, await StatusOf(HttpMethod.Get, "/api/admin/users?invite_code=abc", null, admin));
        Assert.Equal(HttpStatusCode.BadRequest, await StatusOf(HttpMethod.Get, "/api/admin/staff-actions?action=delete", null, admin));
        var adminId = (await Http.GetJsonAsync("/api/users/profile", admin)).GetProperty("data").GetProperty("user_id").GetInt64();
        Assert.Equal(HttpStatusCode.Conflict, await StatusOf(HttpMethod.Put, $"/api/admin/users/{adminId}/role", new { role = "player", reason = "oops" }, admin));

        var profile = (await Http.GetJsonAsync($"/api/admin/users/{player.UserId}", admin)).GetProperty("data");
        Assert.Equal(("player", 0, JsonValueKind.Null), (profile.GetProperty("role").GetString(), profile.GetProperty("vip_level").GetInt32(), profile.GetProperty("suspension").ValueKind));
        Assert.Equal(0, (await Http.GetJsonAsync($"/api/admin/staff-actions?user_id={player.UserId}", admin)).GetProperty("data").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_vip_override_shows_in_the_profile_and_doubles_the_players_allowance_from_their_next_token()
    {
        var admin = await fixture.AdminToken();
        var player = await Http.NewPlayerAsync();
        var code = await InviteCode(player.Token);

        var found = (await Http.GetJsonAsync($"/api/admin/users?invite_code={code.ToLowerInvariant()}", admin)).GetProperty("data");
        Assert.Equal(player.UserId, found.GetProperty("user_id").GetInt64());
        await Send(HttpMethod.Put, $"/api/admin/users/{player.UserId}/vip", new { level = 5, reason = "loyal player" }, admin);
        var token = await Http.LoginAsync(player.Phone, ApiClientExtensions.Password);

        var profile = (await Http.GetJsonAsync("/api/users/profile", token)).GetProperty("data");
        Assert.Equal((5, 0, 5), (profile.GetProperty("vip_level").GetInt32(), profile.GetProperty("turnover_vip_level").GetInt32(), profile.GetProperty("vip_override").GetInt32()));
        var claims = JsonDocument.Parse(Convert.FromBase64String(Pad(token.Split('.')[1]))).RootElement;
        Assert.Equal(5, claims.GetProperty("vip").GetInt32());

        await Send(HttpMethod.Put, $"/api/admin/users/{player.UserId}/vip", new { follow_turnover = true, reason = "promotion over" }, admin);
        Assert.Equal(0, (await Http.GetJsonAsync("/api/users/profile", token)).GetProperty("data").GetProperty("vip_level").GetInt32());
    }

    [Fact]
    public async Task An_announcement_reaches_its_audience_live_and_over_the_api_and_a_retry_publishes_it_once()
    {
        var admin = await fixture.AdminToken();
        var everyone = await Http.NewPlayerAsync();
        var vip = await Http.NewPlayerAsync();
        await Send(HttpMethod.Put, $"/api/admin/users/{vip.UserId}/vip", new { level = 6, reason = "vip audience" }, admin);
        var vipToken = await Http.LoginAsync(vip.Phone, ApiClientExtensions.Password);
        await using var everyoneHub = await HubClient.ConnectAsync(fixture.Frontend, everyone.Token);
        await using var vipHub = await HubClient.ConnectAsync(fixture.Frontend, vipToken);
        var key = $"ann-{Guid.NewGuid():N}";
        var body = new { title = "VIP weekend", text = "Double rebates for VIP 5+", ends_at = DateTimeOffset.UtcNow.AddDays(2), min_vip_level = 5 };

        var first = await Send(HttpMethod.Post, "/api/admin/announcements", body, admin, key, HttpStatusCode.Created);
        var retry = await Send(HttpMethod.Post, "/api/admin/announcements", body, admin, key, HttpStatusCode.Created);
        var general = await Send(HttpMethod.Post, "/api/admin/announcements", new { title = "Maintenance", text = "Tonight 02:00 UTC", ends_at = DateTimeOffset.UtcNow.AddDays(1) }, admin, null, HttpStatusCode.Created);

        var id = first.GetProperty("data").GetProperty("announcement_id").GetString();
        Assert.Equal(id, retry.GetProperty("data").GetProperty("announcement_id").GetString());
        await vipHub.WaitUntil(client => client.PayloadsOf("announcement").Count >= 2, TimeSpan.FromSeconds(10));
        await everyoneHub.WaitUntil(client => client.PayloadsOf("announcement").Count >= 1, TimeSpan.FromSeconds(10));
        Assert.Contains(vipHub.PayloadsOf("announcement"), payload => payload.GetProperty("announcement_id").GetString() == id);
        Assert.DoesNotContain(everyoneHub.PayloadsOf("announcement"), payload => payload.GetProperty("announcement_id").GetString() == id);
        var vipSees = (await Http.GetJsonAsync("/api/announcements", vipToken)).GetProperty("data").EnumerateArray().Select(a => a.GetProperty("title").GetString()).ToList();
        var everyoneSees = (await Http.GetJsonAsync("/api/announcements", everyone.Token)).GetProperty("data").EnumerateArray().Select(a => a.GetProperty("title").GetString()).ToList();
        Assert.Contains("VIP weekend", vipSees);
        Assert.Contains("Maintenance", vipSees);
        Assert.DoesNotContain("VIP weekend", everyoneSees);
        Assert.Contains("Maintenance", everyoneSees);
        var published = (await Http.GetJsonAsync("/api/admin/staff-actions?action=announcement", admin)).GetProperty("data").GetProperty("items");
        Assert.Single(published.EnumerateArray(), item => item.GetProperty("subject").GetString()!.StartsWith(id!, StringComparison.Ordinal));
        _ = general;

        Assert.Equal(HttpStatusCode.BadRequest, await StatusOf(HttpMethod.Post, "/api/admin/announcements", new { title = "", text = "x", ends_at = DateTimeOffset.UtcNow.AddDays(1) }, admin));
        Assert.Equal(HttpStatusCode.BadRequest, await StatusOf(HttpMethod.Post, "/api/admin/announcements", new { title = "Past", text = "x", ends_at = DateTimeOffset.UtcNow.AddDays(-1) }, admin));
        Assert.Equal(HttpStatusCode.BadRequest, await StatusOf(HttpMethod.Post, "/api/admin/announcements", new { title = "No end", text = "x" }, admin));
        Assert.Equal(HttpStatusCode.BadRequest, await StatusOf(HttpMethod.Post, "/api/admin/announcements", new { title = "Audience", text = "x", ends_at = DateTimeOffset.UtcNow.AddDays(1), min_vip_level = 11 }, admin));
    }

    /// <summary>A hub connection with <paramref name="token"/> is refused as it starts or closed by the server right after.</summary>
    private async Task AssertHubRefuses(string token)
    {
        HubClient? connected = null;
        try
        {
            connected = await HubClient.ConnectAsync(fixture.Frontend, token);
        }
        catch (Exception refused) when (refused is not TimeoutException)
        {
            return;
        }

        await using (connected)
        {
            await connected.Closed.WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    private static string Pad(string base64Url)
    {
        var text = base64Url.Replace('-', '+').Replace('_', '/');
        return text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
    }

    private async Task<string> InviteCode(string token) =>
        (await Http.GetJsonAsync("/api/users/profile", token)).GetProperty("data").GetProperty("invite_code").GetString()!;

    private async Task<string> Staff(string role) => (await StaffWithId(role)).Token;

    /// <summary>A new account given <paramref name="role"/> by the admin, then logged in so that its token carries the role.</summary>
    private async Task<(long UserId, string Token)> StaffWithId(string role)
    {
        var member = await Http.NewPlayerAsync();
        await Send(HttpMethod.Put, $"/api/admin/users/{member.UserId}/role", new { role, reason = $"joins {role}" }, await fixture.AdminToken());
        return (member.UserId, await Http.LoginAsync(member.Phone, ApiClientExtensions.Password));
    }

    private async Task<HttpStatusCode> StatusOf(HttpMethod method, string path, object? body, string? token)
    {
        using var response = await Request(method, path, body, token, idempotencyKey: null);
        return response.StatusCode;
    }

    private async Task<JsonElement> Send(HttpMethod method, string path, object body, string token, string? idempotencyKey = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await Request(method, path, body, token, idempotencyKey);
        return await ApiClientExtensions.ReadAsync(response, expected);
    }

    private async Task<HttpResponseMessage> Request(HttpMethod method, string path, object? body, string? token, string? idempotencyKey)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower });
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await Http.SendAsync(request);
    }
}
