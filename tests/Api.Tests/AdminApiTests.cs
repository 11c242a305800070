using System.Net;
using GameServer.Players;
using GameServer.Testing;

namespace GameServer.Api.Tests;

/// <summary>The operator console's endpoints (SPEC §7 <c>/api/admin/…</c>): player lookup, a player's ledger.</summary>
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
        await Http.PostJsonAsync("/api/wallet/withdraw", new { amount = 200.5 }, token: player.Token);

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
    public async Task A_player_token_is_403_on_every_new_admin_endpoint_and_no_token_401()
    {
        var player = await Http.NewPlayerAsync();
        string[] reads = [$"/api/admin/users?phone={player.Phone}", $"/api/admin/users/{player.UserId}", $"/api/admin/users/{player.UserId}/transactions?type=deposit"];

        foreach (var path in reads)
        {
            Assert.False((await Http.GetJsonAsync(path, player.Token, HttpStatusCode.Forbidden)).GetProperty("success").GetBoolean(), path);
            await Http.GetJsonAsync(path, token: null, HttpStatusCode.Unauthorized);
        }
    }
}
