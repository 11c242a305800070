using System.Net;
using System.Text;
using System.Text.Json;
using GameServer.ApiFrontend.Payments;
using GameServer.Testing;

namespace GameServer.Api.Tests;

[Collection(FrontendCollection.Name)]
public sealed class WalletApiTests(FrontendFixture fixture)
{
    private HttpClient Http => fixture.Http;

    [Fact]
    public async Task Deposit_through_the_test_gateway_credits_the_balance_once()
    {
        var player = await Http.NewPlayerAsync();

        var deposit = await Http.PostJsonAsync("/api/wallet/deposit", new { amount = 1000, gateway = "test" }, token: player.Token);
        var balance = await Http.GetJsonAsync("/api/wallet/balance", player.Token);
        var transactions = await Http.GetJsonAsync("/api/wallet/transactions?page=1&limit=10", player.Token);

        Assert.Equal("paid", deposit.GetProperty("data").GetProperty("status").GetString());
        Assert.Equal(1000m, balance.GetProperty("data").GetProperty("balance").GetDecimal());
        var entry = Assert.Single(transactions.GetProperty("data").GetProperty("items").EnumerateArray());
        Assert.Equal("deposit", entry.GetProperty("type").GetString());
        Assert.Equal(1000m, entry.GetProperty("amount").GetDecimal());
        Assert.Equal(1, entry.GetProperty("seq").GetInt64());
    }

    [Fact]
    public async Task The_gateways_a_deposit_may_name_are_listed_for_a_player_and_refused_without_a_token()
    {
        var player = await Http.NewPlayerAsync();

        var listed = (await Http.GetJsonAsync("/api/wallet/gateways", player.Token)).GetProperty("data").GetProperty("gateways")
            .EnumerateArray().Select(name => name.GetString()).ToList();

        Assert.Contains("test", listed);
        Assert.Contains("sandbox", listed);
        await Http.GetJsonAsync("/api/wallet/gateways", expected: HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Gateway_callback_delivered_five_times_concurrently_credits_once()
    {
        var player = await Http.NewPlayerAsync();
        var order = await Http.PostJsonAsync("/api/wallet/deposit", new { amount = 250.5, gateway = "sandbox" }, token: player.Token);
        var orderId = order.GetProperty("data").GetProperty("order_id").GetString()!;
        Assert.Equal("pending", order.GetProperty("data").GetProperty("status").GetString());
        Assert.StartsWith("https://sandbox.gateway.invalid/pay?order_id=", order.GetProperty("data").GetProperty("payment_url").GetString(), StringComparison.Ordinal);

        var body = JsonSerializer.Serialize(new { order_id = orderId, status = "paid", amount = 250.50m });
        var statuses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Callback("sandbox", body, Sign(body))));

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        var balance = await Http.GetJsonAsync("/api/wallet/balance", player.Token);
        Assert.Equal(250.5m, balance.GetProperty("data").GetProperty("balance").GetDecimal());
    }

    [Fact]
    public async Task Unsigned_forged_stale_or_mismatched_callbacks_change_nothing()
    {
        var player = await Http.NewPlayerAsync();
        var order = await Http.PostJsonAsync("/api/wallet/deposit", new { amount = 100, gateway = "sandbox" }, token: player.Token);
        var orderId = order.GetProperty("data").GetProperty("order_id").GetString()!;
        var body = JsonSerializer.Serialize(new { order_id = orderId, status = "paid", amount = 100 });
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        Assert.Equal(HttpStatusCode.Unauthorized, await Callback("sandbox", body, signature: null));
        Assert.Equal(HttpStatusCode.Unauthorized, await Callback("sandbox", body, CallbackSignature.Sign("not-the-secret", now, body)));
        Assert.Equal(HttpStatusCode.Unauthorized, await Callback("sandbox", body, CallbackSignature.Sign(LocalCluster.SandboxGatewaySecret, now - 301, body)));
        Assert.Equal(HttpStatusCode.Unauthorized, await Callback("sandbox", body.Replace("100", "900", StringComparison.Ordinal), Sign(body)));
        var inflated = JsonSerializer.Serialize(new { order_id = orderId, status = "paid", amount = 900 });
        Assert.Equal(HttpStatusCode.Conflict, await Callback("sandbox", inflated, Sign(inflated)));
        Assert.Equal(HttpStatusCode.NotFound, await Callback("nosuchgateway", body, Sign(body)));

        var balance = await Http.GetJsonAsync("/api/wallet/balance", player.Token);
        Assert.Equal(0m, balance.GetProperty("data").GetProperty("balance").GetDecimal());
    }

    [Fact]
    public async Task Withdrawal_holds_funds_reject_releases_them_approve_pays_them_once()
    {
        var player = await Http.NewPlayerAsync();
        var admin = await fixture.AdminToken();
        await Http.PostJsonAsync("/api/wallet/deposit", new { amount = 1000, gateway = "test" }, token: player.Token);
        var method = await Http.SavePayoutMethodAsync(player.Token);

        var rejected = await Http.PostJsonAsync("/api/wallet/withdraw", new { amount = 300, method_id = method }, token: player.Token);
        Assert.Equal(700m, rejected.GetProperty("data").GetProperty("balance").GetDecimal());
        Assert.Equal(300m, rejected.GetProperty("data").GetProperty("held").GetDecimal());
        await Http.PostJsonAsync($"/api/admin/withdrawals/{rejected.GetProperty("data").GetProperty("withdrawal_id").GetString()}/reject", new { }, token: admin);
        var afterReject = (await Http.GetJsonAsync("/api/wallet/balance", player.Token)).GetProperty("data");
        Assert.Equal(1000m, afterReject.GetProperty("balance").GetDecimal());
        Assert.Equal(0m, afterReject.GetProperty("held").GetDecimal());

        var approved = await Http.PostJsonAsync("/api/wallet/withdraw", new { amount = 400, method_id = method }, token: player.Token);
        var approvedId = approved.GetProperty("data").GetProperty("withdrawal_id").GetString();
        var pending = await Http.GetJsonAsync("/api/admin/withdrawals?status=pending&limit=100", admin);
        Assert.Contains(pending.GetProperty("data").GetProperty("items").EnumerateArray(), w => w.GetProperty("withdrawal_id").GetString() == approvedId);
        await Http.PostJsonAsync($"/api/admin/withdrawals/{approvedId}/approve", new { }, token: admin);
        await Http.PostJsonAsync($"/api/admin/withdrawals/{approvedId}/approve", new { }, HttpStatusCode.Conflict, admin);
        await Http.PostJsonAsync($"/api/admin/withdrawals/{approvedId}/reject", new { }, HttpStatusCode.Conflict, admin);

        var ofPlayer = (await Http.GetJsonAsync($"/api/admin/withdrawals?status=all&user_id={player.UserId}", admin)).GetProperty("data");
        Assert.Equal(2, ofPlayer.GetProperty("total").GetInt64());
        Assert.Equal(["paid", "rejected"], ofPlayer.GetProperty("items").EnumerateArray().Select(w => w.GetProperty("status").GetString()));
        await Http.GetJsonAsync("/api/admin/withdrawals?status=lost", admin, HttpStatusCode.BadRequest);

        var final = (await Http.GetJsonAsync("/api/wallet/balance", player.Token)).GetProperty("data");
        Assert.Equal(600m, final.GetProperty("balance").GetDecimal());
        Assert.Equal(0m, final.GetProperty("held").GetDecimal());
        var types = (await Http.GetJsonAsync("/api/wallet/transactions", player.Token)).GetProperty("data").GetProperty("items")
            .EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Equal(["withdrawal_paid", "withdrawal_hold", "withdrawal_release", "withdrawal_hold", "deposit"], types);
    }

    [Fact]
    public async Task Withdrawal_beyond_the_balance_is_refused_and_moves_nothing()
    {
        var player = await Http.NewPlayerAsync();
        await Http.PostJsonAsync("/api/wallet/deposit", new { amount = 50, gateway = "test" }, token: player.Token);

        await Http.PostJsonAsync("/api/wallet/withdraw", new { amount = 50.01, method_id = await Http.SavePayoutMethodAsync(player.Token) }, HttpStatusCode.Conflict, player.Token);

        var balance = (await Http.GetJsonAsync("/api/wallet/balance", player.Token)).GetProperty("data");
        Assert.Equal(50m, balance.GetProperty("balance").GetDecimal());
        Assert.Equal(0m, balance.GetProperty("held").GetDecimal());
    }

    [Fact]
    public async Task Retried_request_with_the_same_idempotency_key_returns_the_same_result_and_moves_money_once()
    {
        var player = await Http.NewPlayerAsync();
        await Http.PostJsonAsync("/api/wallet/deposit", new { amount = 500, gateway = "test" }, token: player.Token);

        var method = await Http.SavePayoutMethodAsync(player.Token);

        var first = await Withdraw(player.Token, 120, method, "withdraw-key-1");
        var second = await Withdraw(player.Token, 120, method, "withdraw-key-1");
        var conflicting = await Withdraw(player.Token, 130, method, "withdraw-key-1", HttpStatusCode.Conflict);

        Assert.Equal(first.GetProperty("data").GetProperty("withdrawal_id").GetString(), second.GetProperty("data").GetProperty("withdrawal_id").GetString());
        Assert.False(conflicting.GetProperty("success").GetBoolean());
        var balance = (await Http.GetJsonAsync("/api/wallet/balance", player.Token)).GetProperty("data");
        Assert.Equal(380m, balance.GetProperty("balance").GetDecimal());
        Assert.Equal(120m, balance.GetProperty("held").GetDecimal());
    }

    [Fact]
    public async Task Admin_credit_and_debit_need_a_reason_and_are_audited_with_who_and_why()
    {
        var player = await Http.NewPlayerAsync();
        var admin = await fixture.AdminToken();

        await Http.PostJsonAsync($"/api/admin/users/{player.UserId}/credit", new { amount = 75 }, HttpStatusCode.BadRequest, admin);
        var credit = await Http.PostJsonAsync($"/api/admin/users/{player.UserId}/credit", new { amount = 75, reason = "goodwill for outage" }, token: admin);
        await Http.PostJsonAsync($"/api/admin/users/{player.UserId}/debit", new { amount = 80, reason = "too much" }, HttpStatusCode.Conflict, admin);
        await Http.PostJsonAsync($"/api/admin/users/{player.UserId}/debit", new { amount = 25, reason = "correction" }, token: admin);
        await Http.PostJsonAsync("/api/admin/users/1/credit", new { amount = 1, reason = "nobody" }, HttpStatusCode.NotFound, admin);

        var entry = credit.GetProperty("data");
        Assert.Equal("admin_credit", entry.GetProperty("type").GetString());
        Assert.Equal("goodwill for outage", entry.GetProperty("memo").GetString());
        Assert.StartsWith("admin:", entry.GetProperty("reference").GetString(), StringComparison.Ordinal);
        var balance = (await Http.GetJsonAsync("/api/wallet/balance", player.Token)).GetProperty("data");
        Assert.Equal(50m, balance.GetProperty("balance").GetDecimal());
    }

    [Fact]
    public async Task A_player_cannot_move_or_decide_on_another_players_money()
    {
        var victim = await Http.NewPlayerAsync();
        var attacker = await Http.NewPlayerAsync();

        await Http.PostJsonAsync($"/api/admin/users/{victim.UserId}/debit", new { amount = 1, reason = "steal" }, HttpStatusCode.Forbidden, attacker.Token);
        await Http.PostJsonAsync($"/api/admin/users/{attacker.UserId}/credit", new { amount = 1, reason = "gift" }, HttpStatusCode.Forbidden, attacker.Token);
        await Http.PostJsonAsync("/api/admin/withdrawals/anything/approve", new { }, HttpStatusCode.Forbidden, attacker.Token);
        await Http.GetJsonAsync("/api/admin/audit", attacker.Token, HttpStatusCode.Forbidden);
        await Http.GetJsonAsync("/api/wallet/balance", token: null, HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("12.345")]
    [InlineData("-5")]
    [InlineData("0")]
    [InlineData("1e3")]
    [InlineData("\"NaN\"")]
    [InlineData("\"abc\"")]
    [InlineData("100000000000000000000")]
    [InlineData("null")]
    [InlineData("true")]
    public async Task Bad_amounts_are_400_and_change_nothing(string amount)
    {
        var player = await Http.NewPlayerAsync();
        var method = await Http.SavePayoutMethodAsync(player.Token);

        foreach (var (path, body) in new[] { ("/api/wallet/deposit", $$"""{"amount": {{amount}}, "gateway": "test"}"""), ("/api/wallet/withdraw", $$"""{"amount": {{amount}}, "method_id": "{{method}}"}""") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Authorization = new("Bearer", player.Token);
            using var response = await Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        var transactions = await Http.GetJsonAsync("/api/wallet/transactions", player.Token);
        Assert.Equal(0, transactions.GetProperty("data").GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Self_excluded_player_cannot_deposit()
    {
        var player = await Http.NewPlayerAsync();

        await Http.PostJsonAsync("/api/wallet/self-exclusion", new { days = 7 }, token: player.Token);

        await Http.PostJsonAsync("/api/wallet/deposit", new { amount = 10, gateway = "test" }, HttpStatusCode.Forbidden, player.Token);
    }

    [Fact]
    public async Task Lowered_deposit_limit_applies_at_once()
    {
        var player = await Http.NewPlayerAsync();
        await Http.PostJsonAsync("/api/wallet/deposit", new { amount = 60, gateway = "test" }, token: player.Token);

        using var put = new HttpRequestMessage(HttpMethod.Put, "/api/wallet/limits") { Content = new StringContent("""{"daily_deposit_limit": 100}""", Encoding.UTF8, "application/json") };
        put.Headers.Authorization = new("Bearer", player.Token);
        using var response = await Http.SendAsync(put);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        await Http.PostJsonAsync("/api/wallet/deposit", new { amount = 40, gateway = "test" }, token: player.Token);
        await Http.PostJsonAsync("/api/wallet/deposit", new { amount = 0.01, gateway = "test" }, HttpStatusCode.Conflict, player.Token);
    }

    [Fact]
    public async Task Audit_reports_conservation_over_every_account()
    {
        var player = await Http.NewPlayerAsync();
        var admin = await fixture.AdminToken();
        await Http.PostJsonAsync("/api/wallet/deposit", new { amount = 10, gateway = "test" }, token: player.Token);

        var audit = (await Http.GetJsonAsync("/api/admin/audit", admin)).GetProperty("data");

        Assert.True(audit.GetProperty("conserved").GetBoolean(), audit.GetRawText());
        Assert.True(audit.GetProperty("accounts").GetInt64() >= 1);
        Assert.Empty(audit.GetProperty("violations").EnumerateArray());
    }

    private async Task<JsonElement> Withdraw(string token, decimal amount, string methodId, string key, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/wallet/withdraw")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { amount, method_id = methodId }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", token);
        request.Headers.Add("Idempotency-Key", key);
        using var response = await Http.SendAsync(request);
        return await ApiClientExtensions.ReadAsync(response, expected);
    }

    private async Task<HttpStatusCode> Callback(string gateway, string body, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/payments/{gateway}/callback") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (signature is not null)
        {
            request.Headers.Add(CallbackSignature.Header, signature);
        }

        using var response = await fixture.SecondHttp.SendAsync(request);
        return response.StatusCode;
    }

    private static string Sign(string body) => CallbackSignature.Sign(LocalCluster.SandboxGatewaySecret, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), body);

    [Theory]
    [InlineData("/api/wallet/deposit", """{"amount": 10000000.01, "gateway": "sandbox"}""", "10000000.00")]
    [InlineData("/api/wallet/withdraw", """{"amount": 10000000.01, "method_id": "{method}"}""", "10000000.00")]
    public async Task An_amount_over_the_configured_maximum_is_400_and_the_maximum_itself_passes_the_check(string path, string body, string maximum)
    {
        var player = await Http.NewPlayerAsync();
        body = body.Replace("{method}", await Http.SavePayoutMethodAsync(player.Token), StringComparison.Ordinal);

        var refused = await Send(HttpMethod.Post, path, body, player.Token, HttpStatusCode.BadRequest);
        var atMaximum = await Send(HttpMethod.Post, path, body.Replace("10000000.01", "10000000", StringComparison.Ordinal), player.Token,
            path.EndsWith("deposit", StringComparison.Ordinal) ? HttpStatusCode.OK : HttpStatusCode.Conflict);

        Assert.Contains($"at most {maximum}", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("at most", atMaximum.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, (await Http.GetJsonAsync("/api/wallet/transactions", player.Token)).GetProperty("data").GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Admin_adjustments_and_personal_limits_over_their_maxima_are_400()
    {
        var player = await Http.NewPlayerAsync();
        var admin = await fixture.AdminToken();

        await Send(HttpMethod.Post, $"/api/admin/users/{player.UserId}/credit", """{"amount": 100000000.01, "reason": "too much"}""", admin, HttpStatusCode.BadRequest);
        await Send(HttpMethod.Put, "/api/wallet/limits", """{"daily_deposit_limit": 1000000000.01}""", player.Token, HttpStatusCode.BadRequest);
        await Send(HttpMethod.Post, $"/api/admin/users/{player.UserId}/credit", """{"amount": 100000000, "reason": "the most an admin may credit at once"}""", admin, HttpStatusCode.OK);

        Assert.Equal(100_000_000m, (await Http.GetJsonAsync("/api/wallet/balance", player.Token)).GetProperty("data").GetProperty("balance").GetDecimal());
    }

    [Fact]
    public async Task A_ledger_entry_carries_every_field_of_the_contract_on_the_wire()
    {
        var player = await Http.NewPlayerAsync();
        await Http.PostJsonAsync("/api/wallet/deposit", new { amount = 300, gateway = "test" }, token: player.Token);
        var withdrawal = (await Http.PostJsonAsync("/api/wallet/withdraw", new { amount = 120, method_id = await Http.SavePayoutMethodAsync(player.Token) }, token: player.Token)).GetProperty("data");

        var entry = (await Http.GetJsonAsync("/api/wallet/transactions", player.Token)).GetProperty("data").GetProperty("items")[0];

        Assert.Equal($"{player.UserId}-2", entry.GetProperty("entry_id").GetString());
        Assert.Equal(player.UserId, entry.GetProperty("account_id").GetInt64());
        Assert.Equal(2, entry.GetProperty("seq").GetInt64());
        Assert.Equal("withdrawal_hold", entry.GetProperty("type").GetString());
        Assert.Equal(-120m, entry.GetProperty("amount").GetDecimal());
        Assert.Equal(120m, entry.GetProperty("held_change").GetDecimal());
        Assert.Equal(180m, entry.GetProperty("balance_after").GetDecimal());
        Assert.Equal(120m, entry.GetProperty("held_after").GetDecimal());
        Assert.Equal($"withdrawal:{withdrawal.GetProperty("withdrawal_id").GetString()}", entry.GetProperty("reference").GetString());
        Assert.True(entry.GetProperty("created_at").GetDateTimeOffset() > DateTimeOffset.UnixEpoch);
        Assert.Equal(2, withdrawal.GetProperty("seq").GetInt64());
    }

    [Fact]
    public async Task The_same_idempotency_key_for_another_deposit_order_is_409()
    {
        var player = await Http.NewPlayerAsync();

        var first = await Send(HttpMethod.Post, "/api/wallet/deposit", """{"amount": 100, "gateway": "sandbox"}""", player.Token, HttpStatusCode.OK, "order-key");
        var repeat = await Send(HttpMethod.Post, "/api/wallet/deposit", """{"amount": 100, "gateway": "sandbox"}""", player.Token, HttpStatusCode.OK, "order-key");
        await Send(HttpMethod.Post, "/api/wallet/deposit", """{"amount": 101, "gateway": "sandbox"}""", player.Token, HttpStatusCode.Conflict, "order-key");
        await Send(HttpMethod.Post, "/api/wallet/deposit", """{"amount": 100, "gateway": "test"}""", player.Token, HttpStatusCode.Conflict, "order-key");

        Assert.Equal(first.GetProperty("data").GetProperty("order_id").GetString(), repeat.GetProperty("data").GetProperty("order_id").GetString());
        Assert.Equal(0m, (await Http.GetJsonAsync("/api/wallet/balance", player.Token)).GetProperty("data").GetProperty("balance").GetDecimal());
    }

    [Fact]
    public async Task The_same_idempotency_key_for_an_adjustment_with_another_amount_or_reason_is_409()
    {
        var player = await Http.NewPlayerAsync();
        var admin = await fixture.AdminToken();
        var path = $"/api/admin/users/{player.UserId}/credit";

        var first = await Send(HttpMethod.Post, path, """{"amount": 10, "reason": "goodwill"}""", admin, HttpStatusCode.OK, "adjust-key");
        var repeat = await Send(HttpMethod.Post, path, """{"amount": 10, "reason": "goodwill"}""", admin, HttpStatusCode.OK, "adjust-key");
        await Send(HttpMethod.Post, path, """{"amount": 11, "reason": "goodwill"}""", admin, HttpStatusCode.Conflict, "adjust-key");
        await Send(HttpMethod.Post, path, """{"amount": 10, "reason": "another reason"}""", admin, HttpStatusCode.Conflict, "adjust-key");

        Assert.Equal(first.GetProperty("data").GetProperty("entry_id").GetString(), repeat.GetProperty("data").GetProperty("entry_id").GetString());
        Assert.Equal(10m, (await Http.GetJsonAsync("/api/wallet/balance", player.Token)).GetProperty("data").GetProperty("balance").GetDecimal());
    }

    [Fact]
    public async Task A_failed_callback_fails_the_order_once_and_a_later_paid_one_is_409_and_credits_nothing()
    {
        var player = await Http.NewPlayerAsync();
        var orderId = (await Http.PostJsonAsync("/api/wallet/deposit", new { amount = 100, gateway = "sandbox" }, token: player.Token))
            .GetProperty("data").GetProperty("order_id").GetString()!;
        var failed = JsonSerializer.Serialize(new { order_id = orderId, status = "failed", amount = 100 });
        var paid = JsonSerializer.Serialize(new { order_id = orderId, status = "paid", amount = 100 });

        Assert.Equal(HttpStatusCode.OK, await Callback("sandbox", failed, Sign(failed)));
        Assert.Equal(HttpStatusCode.OK, await Callback("sandbox", failed, Sign(failed)));
        Assert.Equal(HttpStatusCode.Conflict, await Callback("sandbox", paid, Sign(paid)));

        Assert.Equal(0m, (await Http.GetJsonAsync("/api/wallet/balance", player.Token)).GetProperty("data").GetProperty("balance").GetDecimal());
    }

    [Fact]
    public async Task Transactions_filter_by_entry_type_wire_name_page_within_the_type_and_refuse_an_unknown_type_listing_the_valid_ones()
    {
        var player = await Http.NewPlayerAsync();
        var admin = await fixture.AdminToken();
        foreach (var amount in new[] { 100, 200, 300 })
        {
            await Http.PostJsonAsync("/api/wallet/deposit", new { amount, gateway = "test" }, token: player.Token);
            await Http.PostJsonAsync($"/api/admin/users/{player.UserId}/credit", new { amount = 1, reason = "goodwill" }, token: admin);
        }

        await Http.PostJsonAsync("/api/wallet/withdraw", new { amount = 50, method_id = await Http.SavePayoutMethodAsync(player.Token) }, token: player.Token);

        async Task<(long Total, List<(string? Type, decimal Amount)> Items)> Transactions(string query)
        {
            var data = (await Http.GetJsonAsync($"/api/wallet/transactions?{query}", player.Token)).GetProperty("data");
            return (data.GetProperty("total").GetInt64(),
                data.GetProperty("items").EnumerateArray().Select(e => (e.GetProperty("type").GetString(), e.GetProperty("amount").GetDecimal())).ToList());
        }

        var deposits = await Transactions("type=deposit");
        Assert.Equal(3, deposits.Total);
        Assert.Equal([("deposit", 300m), ("deposit", 200m), ("deposit", 100m)], deposits.Items);
        var secondPage = await Transactions("type=deposit&page=2&limit=2");
        Assert.Equal(3, secondPage.Total);
        Assert.Equal([("deposit", 100m)], secondPage.Items);
        Assert.Equal((3L, 3), ((await Transactions("type=admin_credit")).Total, (await Transactions("type=ADMIN_CREDIT")).Items.Count));
        Assert.Equal([("withdrawal_hold", -50m)], (await Transactions("type=withdrawal_hold")).Items);
        Assert.Equal(0, (await Transactions("type=bet_stake")).Total);
        Assert.Equal(7, (await Transactions("type=")).Total);
        Assert.Equal(7, (await Transactions("limit=100")).Total);

        var problem = await Http.GetJsonAsync("/api/wallet/transactions?type=commission", player.Token, HttpStatusCode.BadRequest);
        Assert.False(problem.GetProperty("success").GetBoolean());
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.All(Enum.GetValues<GameServer.Wallet.LedgerEntryType>(), type =>
            Assert.Contains(System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(type.ToString()), detail, StringComparison.Ordinal));
        await Http.GetJsonAsync("/api/wallet/transactions?type=deposit&limit=0", player.Token, HttpStatusCode.BadRequest);
    }

    private async Task<JsonElement> Send(HttpMethod method, string path, string body, string token, HttpStatusCode expected, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", token);
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        using var response = await Http.SendAsync(request);
        return await ApiClientExtensions.ReadAsync(response, expected);
    }
}
