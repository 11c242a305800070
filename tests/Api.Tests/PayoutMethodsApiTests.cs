using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GameServer.Testing;

namespace GameServer.Api.Tests;

/// <summary>
/// Payout methods over HTTP (SPEC §5, §7): saving, changing and removing them, masked answers, a withdrawal
/// naming one, the full destination in the admin's withdrawal queue, and who may see what. The shared
/// cluster has no cooling-off; <see cref="PayoutCoolingOffApiTests"/> has it.
/// </summary>
[Collection(FrontendCollection.Name)]
public sealed class PayoutMethodsApiTests(FrontendFixture fixture)
{
    private const string Methods = "/api/wallet/payout-methods";
    private const string UsdtContract = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t";

    private static readonly object Bank = new { kind = "bank", holder_name = "Asha Rao", account_number = "123456789012", ifsc = "hdfc0001234" };

    private HttpClient Http => fixture.Http;

    [Fact]
    public async Task A_player_saves_a_bank_account_a_upi_id_and_a_usdt_address_and_sees_them_masked_with_when_each_is_usable()
    {
        var player = await Http.NewPlayerAsync();

        var bank = await Send(HttpMethod.Post, Methods, Bank, player.Token);
        var upi = await Send(HttpMethod.Post, Methods, new { kind = "upi", vpa = "Asha.Rao@OKAXIS" }, player.Token);
        var usdt = await Send(HttpMethod.Post, Methods, new { kind = "usdt_trc20", address = UsdtContract }, player.Token);
        var list = (await Http.GetJsonAsync(Methods, player.Token)).GetProperty("data");

        Assert.Equal("""{"kind":"bank","holder_name":"Asha Rao","account_number":"XXXXXX9012","ifsc":"HDFC0001234"}""", Data(bank).GetProperty("destination").GetRawText());
        Assert.Equal("""{"kind":"upi","vpa":"as***@okaxis"}""", Data(upi).GetProperty("destination").GetRawText());
        Assert.Equal("TR7N…Lj6t", Data(usdt).GetProperty("destination").GetProperty("address").GetString());
        Assert.All(new[] { bank, upi, usdt }, saved =>
        {
            Assert.Matches("^pm_[0-9a-f]{16}$", Data(saved).GetProperty("method_id").GetString());
            Assert.True(Data(saved).GetProperty("usable_from").GetDateTimeOffset() >= Data(saved).GetProperty("added_at").GetDateTimeOffset());
        });
        Assert.Equal(5, list.GetProperty("max_saved").GetInt32());
        Assert.Equal([Id(bank), Id(upi), Id(usdt)], list.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("method_id").GetString()));
        Assert.DoesNotContain("123456789012", list.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("asha.rao@", list.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(UsdtContract, list.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(Data(upi).GetRawText(), (await Http.GetJsonAsync($"{Methods}/{Id(upi)}", player.Token)).GetProperty("data").GetRawText());
    }

    [Theory]
    [InlineData("""{"kind": "paypal", "vpa": "asha@okaxis"}""", "kind must be one of: bank, upi, usdt_trc20.")]
    [InlineData("""{"vpa": "asha@okaxis"}""", "kind must be one of")]
    [InlineData("""{"kind": "bank", "holder_name": "Asha Rao", "account_number": "12345678", "ifsc": "HDFC0001234"}""", "account_number must be 9 to 18 digits")]
    [InlineData("""{"kind": "bank", "holder_name": "Asha Rao", "account_number": "123456789012", "ifsc": "HDFC1001234"}""", "ifsc must be")]
    [InlineData("""{"kind": "bank", "holder_name": "Asha R4o", "account_number": "123456789012", "ifsc": "HDFC0001234"}""", "holder_name must be")]
    [InlineData("""{"kind": "bank", "account_number": "123456789012", "ifsc": "HDFC0001234"}""", "holder_name must be")]
    [InlineData("""{"kind": "upi", "vpa": "asha@ok@axis"}""", "vpa must be a UPI id")]
    [InlineData("""{"kind": "upi", "vpa": "asha@okaxis", "address": "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"}""", "address is not a field of a upi payout method.")]
    [InlineData("""{"kind": "usdt_trc20", "address": "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6u"}""", "address is not a valid TRON address: its checksum does not match")]
    [InlineData("""{"kind": "usdt_trc20", "address": "0x5a52e96bacdabb82fd05763e25335261b270efcb"}""", "address must be a TRON address")]
    [InlineData("""{"kind": "bank", "holder_name": "Asha Rao", "account_number": 123456789012, "ifsc": "HDFC0001234"}""", null)]
    [InlineData("""{"kind": ["upi"], "vpa": "asha@okaxis"}""", null)]
    [InlineData("""[]""", null)]
    public async Task A_bad_payout_method_is_a_400_problem_and_saves_nothing(string body, string? detail)
    {
        var player = await Http.NewPlayerAsync();

        using var response = await SendRaw(HttpMethod.Post, Methods, body, player.Token);
        var problem = await ApiClientExtensions.ReadAsync(response, HttpStatusCode.BadRequest);

        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((false, 400), (problem.GetProperty("success").GetBoolean(), problem.GetProperty("status").GetInt32()));
        if (detail is not null)
        {
            Assert.StartsWith(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Empty((await Http.GetJsonAsync(Methods, player.Token)).GetProperty("data").GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task A_withdrawal_names_a_saved_method_its_player_sees_the_destination_masked_and_the_admins_queue_in_full()
    {
        var player = await Http.NewPlayerAsync();
        var admin = await fixture.AdminToken();
        await Http.PostJsonAsync("/api/wallet/deposit", new { amount = 500, gateway = "test" }, token: player.Token);
        var method = Id(await Send(HttpMethod.Post, Methods, Bank, player.Token));

        var withdrawal = (await Http.PostJsonAsync("/api/wallet/withdraw", new { amount = 120, method_id = method }, token: player.Token)).GetProperty("data");
        var queued = (await Http.GetJsonAsync($"/api/admin/withdrawals?user_id={player.UserId}", admin)).GetProperty("data").GetProperty("items");

        Assert.Equal((method, 380m, 120m, "pending"), (withdrawal.GetProperty("payout_method_id").GetString(), withdrawal.GetProperty("balance").GetDecimal(),
            withdrawal.GetProperty("held").GetDecimal(), withdrawal.GetProperty("status").GetString()));
        Assert.Equal("""{"kind":"bank","holder_name":"Asha Rao","account_number":"XXXXXX9012","ifsc":"HDFC0001234"}""", withdrawal.GetProperty("destination").GetRawText());
        var full = Assert.Single(queued.EnumerateArray());
        Assert.Equal(withdrawal.GetProperty("withdrawal_id").GetString(), full.GetProperty("withdrawal_id").GetString());
        Assert.Equal(method, full.GetProperty("payout_method_id").GetString());
        Assert.Equal("""{"kind":"bank","holder_name":"Asha Rao","account_number":"123456789012","ifsc":"HDFC0001234"}""", full.GetProperty("destination").GetRawText());
    }

    [Fact]
    public async Task A_withdrawal_without_a_method_is_400_and_to_a_method_the_player_has_not_saved_404_each_moving_nothing()
    {
        var player = await Http.NewPlayerAsync();
        var other = await Http.NewPlayerAsync();
        await Http.PostJsonAsync("/api/wallet/deposit", new { amount = 100, gateway = "test" }, token: player.Token);
        var othersMethod = await Http.SavePayoutMethodAsync(other.Token);

        var missing = await Http.PostJsonAsync("/api/wallet/withdraw", new { amount = 10 }, HttpStatusCode.BadRequest, player.Token);
        var blank = await Http.PostJsonAsync("/api/wallet/withdraw", new { amount = 10, method_id = " " }, HttpStatusCode.BadRequest, player.Token);
        var unknown = await Http.PostJsonAsync("/api/wallet/withdraw", new { amount = 10, method_id = "pm_0000000000000000" }, HttpStatusCode.NotFound, player.Token);
        var others = await Http.PostJsonAsync("/api/wallet/withdraw", new { amount = 10, method_id = othersMethod }, HttpStatusCode.NotFound, player.Token);

        Assert.Contains("method_id is required", missing.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("method_id is required", blank.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.All(new[] { unknown, others }, problem => Assert.Equal("No saved payout method has this id.", problem.GetProperty("detail").GetString()));
        var balance = (await Http.GetJsonAsync("/api/wallet/balance", player.Token)).GetProperty("data");
        Assert.Equal((100m, 0m), (balance.GetProperty("balance").GetDecimal(), balance.GetProperty("held").GetDecimal()));
        Assert.Equal(1, (await Http.GetJsonAsync("/api/wallet/transactions", player.Token)).GetProperty("data").GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task A_change_answers_the_method_with_its_new_destination_masked_and_a_removal_the_methods_left()
    {
        var player = await Http.NewPlayerAsync();
        var upi = Id(await Send(HttpMethod.Post, Methods, new { kind = "upi", vpa = "asha@okaxis" }, player.Token));
        var bank = Id(await Send(HttpMethod.Post, Methods, Bank, player.Token));

        var changed = Data(await Send(HttpMethod.Put, $"{Methods}/{upi}", new { kind = "usdt_trc20", address = UsdtContract }, player.Token));
        var clash = await Send(HttpMethod.Put, $"{Methods}/{upi}", Bank, player.Token, HttpStatusCode.Conflict);
        var badChange = await Send(HttpMethod.Put, $"{Methods}/{upi}", new { kind = "upi", vpa = "x" }, player.Token, HttpStatusCode.BadRequest);
        var left = Data(await Send(HttpMethod.Delete, $"{Methods}/{bank}", null, player.Token));
        await Http.GetJsonAsync($"{Methods}/{bank}", player.Token, HttpStatusCode.NotFound);
        await Send(HttpMethod.Delete, $"{Methods}/{bank}", null, player.Token, HttpStatusCode.NotFound);
        await Send(HttpMethod.Put, $"{Methods}/{bank}", Bank, player.Token, HttpStatusCode.NotFound);

        Assert.Equal((upi, "usdt_trc20", "TR7N…Lj6t"), (changed.GetProperty("method_id").GetString(),
            changed.GetProperty("destination").GetProperty("kind").GetString(), changed.GetProperty("destination").GetProperty("address").GetString()));
        Assert.True(changed.GetProperty("changed_at").GetDateTimeOffset() > changed.GetProperty("added_at").GetDateTimeOffset());
        Assert.True(changed.TryGetProperty("usable_from", out _));
        Assert.Contains($"already saved as payout method {bank}", clash.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("vpa must be a UPI id", badChange.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal([upi], left.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("method_id").GetString()));
    }

    [Fact]
    public async Task The_same_destination_saved_again_is_the_same_method_and_a_sixth_is_409()
    {
        var player = await Http.NewPlayerAsync();
        var first = Data(await Send(HttpMethod.Post, Methods, new { kind = "upi", vpa = "asha0@okaxis" }, player.Token));
        var again = Data(await Send(HttpMethod.Post, Methods, new { kind = "UPI", vpa = " ASHA0@okaxis" }, player.Token));
        for (var i = 1; i < 5; i++)
        {
            await Send(HttpMethod.Post, Methods, new { kind = "upi", vpa = $"asha{i}@okaxis" }, player.Token);
        }

        var sixth = await Send(HttpMethod.Post, Methods, Bank, player.Token, HttpStatusCode.Conflict);

        Assert.Equal(first.GetRawText(), again.GetRawText());
        Assert.Contains("At most 5 payout methods", sixth.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(5, (await Http.GetJsonAsync(Methods, player.Token)).GetProperty("data").GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_player_cannot_read_change_or_remove_another_players_method_by_its_id()
    {
        var victim = await Http.NewPlayerAsync();
        var attacker = await Http.NewPlayerAsync();
        var method = Id(await Send(HttpMethod.Post, Methods, Bank, victim.Token));

        await Http.GetJsonAsync($"{Methods}/{method}", attacker.Token, HttpStatusCode.NotFound);
        await Send(HttpMethod.Put, $"{Methods}/{method}", new { kind = "upi", vpa = "attacker@okaxis" }, attacker.Token, HttpStatusCode.NotFound);
        await Send(HttpMethod.Delete, $"{Methods}/{method}", null, attacker.Token, HttpStatusCode.NotFound);

        var kept = Assert.Single((await Http.GetJsonAsync(Methods, victim.Token)).GetProperty("data").GetProperty("items").EnumerateArray());
        Assert.Equal((method, "bank"), (kept.GetProperty("method_id").GetString(), kept.GetProperty("destination").GetProperty("kind").GetString()));
        Assert.Empty((await Http.GetJsonAsync(Methods, attacker.Token)).GetProperty("data").GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Payout_methods_need_a_token_and_a_players_are_shown_masked_to_staff_only()
    {
        var player = await Http.NewPlayerAsync();
        var admin = await fixture.AdminToken();
        var method = Id(await Send(HttpMethod.Post, Methods, Bank, player.Token));
        var adminView = $"/api/admin/users/{player.UserId}/payout-methods";

        await Http.GetJsonAsync(Methods, token: null, HttpStatusCode.Unauthorized);
        await Http.GetJsonAsync($"{Methods}/{method}", token: null, HttpStatusCode.Unauthorized);
        await Send(HttpMethod.Post, Methods, Bank, token: null, HttpStatusCode.Unauthorized);
        await Send(HttpMethod.Put, $"{Methods}/{method}", Bank, token: null, HttpStatusCode.Unauthorized);
        await Send(HttpMethod.Delete, $"{Methods}/{method}", null, token: null, HttpStatusCode.Unauthorized);
        await Http.GetJsonAsync(adminView, token: null, HttpStatusCode.Unauthorized);
        var forbidden = await Http.GetJsonAsync(adminView, player.Token, HttpStatusCode.Forbidden);
        var seen = (await Http.GetJsonAsync(adminView, admin)).GetProperty("data");
        await Http.GetJsonAsync("/api/admin/users/1/payout-methods", admin, HttpStatusCode.NotFound);

        Assert.False(forbidden.GetProperty("success").GetBoolean());
        var item = Assert.Single(seen.GetProperty("items").EnumerateArray());
        Assert.Equal((method, "XXXXXX9012"), (item.GetProperty("method_id").GetString(), item.GetProperty("destination").GetProperty("account_number").GetString()));
        Assert.Single((await Http.GetJsonAsync(Methods, player.Token)).GetProperty("data").GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task A_suspended_player_cannot_add_or_change_a_payout_method_and_can_again_once_reinstated()
    {
        var player = await Http.NewPlayerAsync();
        var admin = await fixture.AdminToken();
        var method = Id(await Send(HttpMethod.Post, Methods, Bank, player.Token));
        await Http.PostJsonAsync($"/api/admin/users/{player.UserId}/suspend", new { reason = "chargeback under review" }, token: admin);

        var added = await Send(HttpMethod.Post, Methods, new { kind = "upi", vpa = "elsewhere@okaxis" }, player.Token, HttpStatusCode.Forbidden);
        var changed = await Send(HttpMethod.Put, $"{Methods}/{method}", new { kind = "upi", vpa = "elsewhere@okaxis" }, player.Token, HttpStatusCode.Forbidden);
        var unchanged = (await Http.GetJsonAsync($"{Methods}/{method}", player.Token)).GetProperty("data");
        await Http.PostJsonAsync($"/api/admin/users/{player.UserId}/reinstate", new { reason = "cleared" }, token: admin);
        await Send(HttpMethod.Post, Methods, new { kind = "upi", vpa = "elsewhere@okaxis" }, player.Token);

        Assert.All(new[] { added, changed }, problem => Assert.Contains("suspended", problem.GetProperty("detail").GetString(), StringComparison.Ordinal));
        Assert.Equal("bank", unchanged.GetProperty("destination").GetProperty("kind").GetString());
        Assert.Equal(2, (await Http.GetJsonAsync(Methods, player.Token)).GetProperty("data").GetProperty("items").GetArrayLength());
    }

    private static JsonElement Data(JsonElement answer) => answer.GetProperty("data");

    private static string Id(JsonElement answer) => answer.GetProperty("data").GetProperty("method_id").GetString()!;

    private async Task<JsonElement> Send(HttpMethod method, string path, object? body, string? token, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await Http.SendAsync(request);
        return await ApiClientExtensions.ReadAsync(response, expected);
    }

    private async Task<HttpResponseMessage> SendRaw(HttpMethod method, string path, string body, string token)
    {
        var request = new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await Http.SendAsync(request);
    }
}

/// <summary>The cooling-off of a new or changed payout method over HTTP, on a cluster of its own that has it (24 h, as in production).</summary>
public sealed class PayoutCoolingOffApiTests : IAsyncLifetime
{
    private LocalCluster cluster = null!;
    private HttpClient http = null!;

    public async Task InitializeAsync()
    {
        cluster = await LocalCluster.StartAsync(siloCount: 1, new Dictionary<string, string?> { ["Wallet:PayoutMethodCoolingOff"] = "1.00:00:00" });
        http = cluster.StartFrontend().CreateHttpClient();
    }

    public async Task DisposeAsync()
    {
        http?.Dispose();
        if (cluster is not null)
        {
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_withdrawal_to_a_method_in_its_cooling_off_is_a_409_problem_with_usable_from_until_it_passes_and_a_change_starts_it_again()
    {
        var player = await http.NewPlayerAsync();
        await http.PostJsonAsync("/api/wallet/deposit", new { amount = 100, gateway = "test" }, token: player.Token);
        var before = cluster.Clock.GetUtcNow();
        var saved = (await http.PostJsonAsync("/api/wallet/payout-methods", new { kind = "upi", vpa = "asha@okaxis" }, token: player.Token)).GetProperty("data");
        var methodId = saved.GetProperty("method_id").GetString()!;
        var usableFrom = saved.GetProperty("usable_from").GetDateTimeOffset();

        var early = await http.PostJsonAsync("/api/wallet/withdraw", new { amount = 10, method_id = methodId }, HttpStatusCode.Conflict, player.Token);

        Assert.InRange(usableFrom - before, TimeSpan.FromHours(24), TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        Assert.Equal(usableFrom, early.GetProperty("usable_from").GetDateTimeOffset());
        Assert.Contains($"from {usableFrom.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC", early.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal((false, 409), (early.GetProperty("success").GetBoolean(), early.GetProperty("status").GetInt32()));
        Assert.Equal(0m, (await http.GetJsonAsync("/api/wallet/balance", player.Token)).GetProperty("data").GetProperty("held").GetDecimal());

        cluster.Clock.SetUtcNow(usableFrom);
        var paid = (await http.PostJsonAsync("/api/wallet/withdraw", new { amount = 10, method_id = methodId }, token: player.Token)).GetProperty("data");
        Assert.Equal((10m, "as***@okaxis"), (paid.GetProperty("held").GetDecimal(), paid.GetProperty("destination").GetProperty("vpa").GetString()));

        using var change = new HttpRequestMessage(HttpMethod.Put, $"/api/wallet/payout-methods/{methodId}") { Content = JsonContent.Create(new { kind = "upi", vpa = "asha.new@okaxis" }) };
        change.Headers.Authorization = new AuthenticationHeaderValue("Bearer", player.Token);
        using var changed = await http.SendAsync(change);
        var restarted = (await ApiClientExtensions.ReadAsync(changed, HttpStatusCode.OK)).GetProperty("data").GetProperty("usable_from").GetDateTimeOffset();
        var again = await http.PostJsonAsync("/api/wallet/withdraw", new { amount = 10, method_id = methodId }, HttpStatusCode.Conflict, player.Token);

        Assert.True(restarted >= usableFrom + TimeSpan.FromHours(24));
        Assert.Equal(restarted, again.GetProperty("usable_from").GetDateTimeOffset());
    }
}
