using System.Net.Http.Json;
using System.Text.Json;

namespace GameServer.LoadTest;

/// <summary>Creates funded players for benchmarks that drive the API with another tool (wrk).</summary>
public static class Seeding
{
    public static async Task<int> RunAsync(Options options)
    {
        using var http = new HttpClient { BaseAddress = options.Urls[0] };
        var prefix = 8_000_000_000 + (Random.Shared.NextInt64(0, 9_000) * 100_000);
        var tokens = new string[options.Users ?? 64];
        string? adminToken = null;
        if (options.AdminPassword != "dev-admin-password")
        {
            var admin = await (await http.PostAsJsonAsync("/api/users/login", new { phone_no = options.AdminPhone, password = options.AdminPassword })).Content.ReadFromJsonAsync<JsonElement>();
            adminToken = admin.GetProperty("data").GetProperty("token").GetString();
        }

        await Parallel.ForEachAsync(Enumerable.Range(0, tokens.Length), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, cancel) =>
        {
            var phone = (prefix + i).ToString(System.Globalization.CultureInfo.InvariantCulture);
            (await Setup.PostAsync(http, "/api/users/register", new { phone_no = phone, password = "benchmark-password" }, cancel)).EnsureSuccessStatusCode();
            var login = await (await Setup.PostAsync(http, "/api/users/login", new { phone_no = phone, password = "benchmark-password" }, cancel)).Content.ReadFromJsonAsync<JsonElement>(cancel);
            var data = login.GetProperty("data");
            tokens[i] = data.GetProperty("token").GetString()!;

            // Development funds through the test gateway; Production (no test gateway) through an admin credit.
            using var funding = adminToken is null
                ? new HttpRequestMessage(HttpMethod.Post, "/api/wallet/deposit") { Content = JsonContent.Create(new { amount = 1_000_000, gateway = "test" }) }
                : new HttpRequestMessage(HttpMethod.Post, $"/api/admin/users/{data.GetProperty("user").GetProperty("user_id").GetInt64()}/credit")
                {
                    Content = JsonContent.Create(new { amount = 1_000_000, reason = "benchmark funding" }),
                };
            funding.Headers.Authorization = new("Bearer", adminToken ?? tokens[i]);
            (await http.SendAsync(funding, cancel)).EnsureSuccessStatusCode();
        });
        await File.WriteAllLinesAsync(options.Out ?? "tokens.txt", tokens);
        Console.WriteLine($"{tokens.Length} funded players; tokens in {options.Out ?? "tokens.txt"}");
        return 0;
    }
}
