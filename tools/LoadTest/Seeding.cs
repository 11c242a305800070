using System.Net.Http.Json;
using System.Text.Json;

namespace GameServer.LoadTest;

/// <summary>Creates funded players for benchmarks that drive the API with another tool (wrk).</summary>
public static class Seeding
{
    public static async Task<int> RunAsync(Options options)
    {
        using var http = new HttpClient { BaseAddress = options.Urls[0] };
        var prefix = 5_000_000_000 + (Random.Shared.NextInt64(0, 9_000) * 100_000);
        var tokens = new string[options.Users ?? 64];
        await Parallel.ForEachAsync(Enumerable.Range(0, tokens.Length), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, cancel) =>
        {
            var phone = (prefix + i).ToString(System.Globalization.CultureInfo.InvariantCulture);
            (await http.PostAsJsonAsync("/api/users/register", new { phone_no = phone, password = "benchmark-password" }, cancel)).EnsureSuccessStatusCode();
            var login = await (await http.PostAsJsonAsync("/api/users/login", new { phone_no = phone, password = "benchmark-password" }, cancel)).Content.ReadFromJsonAsync<JsonElement>(cancel);
            tokens[i] = login.GetProperty("data").GetProperty("token").GetString()!;
            using var deposit = new HttpRequestMessage(HttpMethod.Post, "/api/wallet/deposit") { Content = JsonContent.Create(new { amount = 1_000_000, gateway = "test" }) };
            deposit.Headers.Authorization = new("Bearer", tokens[i]);
            (await http.SendAsync(deposit, cancel)).EnsureSuccessStatusCode();
        });
        await File.WriteAllLinesAsync(options.Out ?? "tokens.txt", tokens);
        Console.WriteLine($"{tokens.Length} funded players; tokens in {options.Out ?? "tokens.txt"}");
        return 0;
    }
}
