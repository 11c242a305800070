using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using GameServer.Players;
using GameServer.Testing;

namespace GameServer.Api.Tests;

/// <summary>The operator console's endpoints (SPEC §7 <c>/api/admin/…</c>): player lookup, a player's ledger, withdrawal decisions with a reason.</summary>
[Collection(FrontendCollection.Name)]
public sealed class AdminApiTests(FrontendFixture fixture)
{
    private HttpClient Http => fixture.Http;

    [Fact]
    public async Task An_admin_finds_a_player_by_any_written_form_of_the_phone_number_with_balance_and_held_funds()
    {
        var player = await Http.NewPlayerAsync();
        var admin = await fixture.AdminToken();
        await Http.PostJsonAsync("/api/wallet/deposit", new { amount = 500, gateway = "test" }, token: player.Token);
        await Withdraw(player.Token, 200.5m);

        foreach (var written in new[] { player.Phone, $"+91 {player.Phone[..5]} {player.Phone[5..]}", $"0{player.Phone}", $"91{player.Phone}" })
        {
            var found = (await Http.GetJsonAsync($"/api/admin/users?phone={Uri.EscapeDataString(written)}", admin)).GetProperty("data");
            Assert.Equal(player.UserId, found.GetProperty("user_id").GetInt64());
            Assert.Equal(PhoneNumberRules.Canonical(player.Phone), found.GetProperty("phone_no").GetString());
            Assert.Equal((299.5m, 200.5m), (found.GetProperty("balance").GetDecimal(), found.GetProperty("held").GetDecimal()));
        }

        var byId = (await Http.GetJsonAsync($"/api/admin/users/{player.UserId}", admin)).GetProperty("data");
        Assert.Equal((299.5m, 200.5m), (byId.GetProperty("balance").GetDecimal(), byId.GetProperty("held").GetDecimal()));
        Assert.Equal("player", byId.GetProperty("role").GetString());
    }

    [Fact]
    public async Task A_lookup_of_an_unregistered_number_is_404_and_of_no_or_a_malformed_number_400_each_a_problem()
    {
        var admin = await fixture.AdminToken();

        var unknown = await Http.GetJsonAsync($"/api/admin/users?phone={ApiClientExtensions.NewPhoneNumber()}", admin, HttpStatusCode.NotFound);
        var malformed = await Http.GetJsonAsync("/api/admin/users?phone=not-a-number", admin, HttpStatusCode.BadRequest);
        var missing = await Http.GetJsonAsync("/api/admin/users", admin, HttpStatusCode.BadRequest);
        var blank = await Http.GetJsonAsync("/api/admin/users?phone=%20", admin, HttpStatusCode.BadRequest);
        var unknownId = await Http.GetJsonAsync("/api/admin/users/1", admin, HttpStatusCode.NotFound);

        Assert.All(new[] { unknown, malformed, missing, blank, unknownId }, problem =>
        {
            Assert.False(problem.GetProperty("success").GetBoolean());
            Assert.True(problem.TryGetProperty("status", out _));
        });
        Assert.Contains("phone", missing.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_reads_a_players_ledger_filtered_by_type_and_an_unknown_player_is_404()
    {
        var player = await Http.NewPlayerAsync();
        var other = await Http.NewPlayerAsync();
        var admin = await fixture.AdminToken();
        await Http.PostJsonAsync("/api/wallet/deposit", new { amount = 100, gateway = "test" }, token: player.Token);
        await Http.PostJsonAsync("/api/wallet/deposit", new { amount = 40, gateway = "test" }, token: other.Token);
        await Http.PostJsonAsync($"/api/admin/users/{player.UserId}/debit", new { amount = 30, reason = "chargeback" }, token: admin);
        await Http.PostJsonAsync("/api/wallet/deposit", new { amount = 5, gateway = "test" }, token: player.Token);

        var all = (await Http.GetJsonAsync($"/api/admin/users/{player.UserId}/transactions", admin)).GetProperty("data");
        var deposits = (await Http.GetJsonAsync($"/api/admin/users/{player.UserId}/transactions?type=deposit&page=1&limit=1", admin)).GetProperty("data");
        var debits = (await Http.GetJsonAsync($"/api/admin/users/{player.UserId}/transactions?type=admin_debit", admin)).GetProperty("data");

        Assert.Equal(3, all.GetProperty("total").GetInt64());
        Assert.All(all.GetProperty("items").EnumerateArray(), entry => Assert.Equal(player.UserId, entry.GetProperty("account_id").GetInt64()));
        Assert.Equal((2L, 1), (deposits.GetProperty("total").GetInt64(), deposits.GetProperty("items").GetArrayLength()));
        Assert.Equal(5m, deposits.GetProperty("items")[0].GetProperty("amount").GetDecimal());
        var debit = Assert.Single(debits.GetProperty("items").EnumerateArray());
        Assert.Equal((-30m, "chargeback"), (debit.GetProperty("amount").GetDecimal(), debit.GetProperty("memo").GetString()));
        var badType = await Http.GetJsonAsync($"/api/admin/users/{player.UserId}/transactions?type=bonus", admin, HttpStatusCode.BadRequest);
        Assert.Contains("attendance_bonus", badType.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await Http.GetJsonAsync("/api/admin/users/1/transactions", admin, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_rejection_keeps_its_trimmed_reason_in_the_list_and_releases_the_held_funds_and_a_bad_reason_moves_nothing()
    {
        var player = await Http.NewPlayerAsync();
        var admin = await fixture.AdminToken();
        await Http.PostJsonAsync("/api/wallet/deposit", new { amount = 1000, gateway = "test" }, token: player.Token);
        var rejected = await Withdraw(player.Token, 300);

        var tooLong = await Decide(rejected, "reject", JsonSerializer.Serialize(new { reason = new string('r', 501) }), admin, HttpStatusCode.BadRequest);
        Assert.Contains("500", tooLong.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await Decide(rejected, "reject", """{"reason": 5}""", admin, HttpStatusCode.BadRequest);
        await Decide(rejected, "reject", """{"reason": ["no"]}""", admin, HttpStatusCode.BadRequest);
        Assert.Equal((700m, 300m), await Balance(player.Token));

        var decided = (await Decide(rejected, "reject", """{"reason": "  KYC documents do not match  "}""", admin)).GetProperty("data");
        Assert.Equal(("rejected", "KYC documents do not match"), (decided.GetProperty("status").GetString(), decided.GetProperty("reason").GetString()));
        Assert.Equal((1000m, 0m), await Balance(player.Token));

        var approvedWithoutBody = await Withdraw(player.Token, 100);
        Assert.Equal(JsonValueKind.Null, (await Decide(approvedWithoutBody, "approve", body: null, admin)).GetProperty("data").GetProperty("reason").ValueKind);
        var approvedWithLongest = await Withdraw(player.Token, 50);
        var longest = string.Concat(Enumerable.Repeat("\U0001F3B2", 250)); // 500 UTF-16 code units, as adjustment reasons count them
        await Decide(approvedWithLongest, "approve", JsonSerializer.Serialize(new { reason = $"\n {longest} \t" }), admin);
        var blank = await Withdraw(player.Token, 10);
        await Decide(blank, "reject", """{"reason": "   "}""", admin);

        var listed = (await Http.GetJsonAsync($"/api/admin/withdrawals?status=all&user_id={player.UserId}", admin)).GetProperty("data").GetProperty("items")
            .EnumerateArray().Select(w => (w.GetProperty("withdrawal_id").GetString(), w.GetProperty("status").GetString(), w.GetProperty("reason").GetString())).ToList();
        (string?, string?, string?)[] expected =
            [(blank, "rejected", null), (approvedWithLongest, "paid", longest), (approvedWithoutBody, "paid", null), (rejected, "rejected", "KYC documents do not match")];
        Assert.Equal(expected, listed);
        var onlyRejected = (await Http.GetJsonAsync($"/api/admin/withdrawals?status=rejected&user_id={player.UserId}", admin)).GetProperty("data").GetProperty("items");
        Assert.Equal("KYC documents do not match", onlyRejected[1].GetProperty("reason").GetString());
        Assert.Equal((850m, 0m), await Balance(player.Token));
        await Decide(rejected, "approve", """{"reason": "changed my mind"}""", admin, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_player_token_is_403_on_every_new_admin_endpoint_and_no_token_401()
    {
        var player = await Http.NewPlayerAsync();
        await Http.PostJsonAsync("/api/wallet/deposit", new { amount = 100, gateway = "test" }, token: player.Token);
        var withdrawal = await Withdraw(player.Token, 10);
        string[] reads = [$"/api/admin/users?phone={player.Phone}", $"/api/admin/users/{player.UserId}", $"/api/admin/users/{player.UserId}/transactions?type=deposit", "/api/admin/cluster"];

        foreach (var path in reads)
        {
            Assert.False((await Http.GetJsonAsync(path, player.Token, HttpStatusCode.Forbidden)).GetProperty("success").GetBoolean(), path);
            await Http.GetJsonAsync(path, token: null, HttpStatusCode.Unauthorized);
        }

        await Decide(withdrawal, "approve", """{"reason": "self-service"}""", player.Token, HttpStatusCode.Forbidden);
        await Decide(withdrawal, "reject", """{"reason": "self-service"}""", player.Token, HttpStatusCode.Forbidden);
        Assert.Equal((90m, 10m), await Balance(player.Token));
    }

    private async Task<string> Withdraw(string token, decimal amount) =>
        (await Http.PostJsonAsync("/api/wallet/withdraw", new { amount, method_id = await Http.SavePayoutMethodAsync(token) }, token: token)).GetProperty("data").GetProperty("withdrawal_id").GetString()!;

    private async Task<(decimal Balance, decimal Held)> Balance(string token)
    {
        var data = (await Http.GetJsonAsync("/api/wallet/balance", token)).GetProperty("data");
        return (data.GetProperty("balance").GetDecimal(), data.GetProperty("held").GetDecimal());
    }

    /// <summary>Approves or rejects with the given raw JSON body, or with no body at all.</summary>
    private async Task<JsonElement> Decide(string withdrawalId, string verdict, string? body, string token, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/admin/withdrawals/{withdrawalId}/{verdict}");
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await Http.SendAsync(request);
        return await ApiClientExtensions.ReadAsync(response, expected);
    }
}
