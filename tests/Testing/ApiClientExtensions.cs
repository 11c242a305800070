using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace GameServer.Testing;

/// <summary>The calls a player's client makes, for tests that need a logged-in player quickly.</summary>
public static class ApiClientExtensions
{
    public const string Password = "correct-horse-battery";

    private static long phoneSequence = 7_000_000_000 + (Random.Shared.NextInt64(0, 900_000) * 1_000);

    /// <summary>A fresh, valid, unused phone number.</summary>
    public static string NewPhoneNumber() => Interlocked.Increment(ref phoneSequence).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static async Task<JsonElement> PostJsonAsync(this HttpClient http, string path, object body, HttpStatusCode expected = HttpStatusCode.OK, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await http.SendAsync(request);
        return await ReadAsync(response, expected);
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient http, string path, string? token = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await http.SendAsync(request);
        return await ReadAsync(response, expected);
    }

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Registers a new player and logs in; returns the user id and token.</summary>
    public static async Task<(long UserId, string Token, string Phone)> NewPlayerAsync(this HttpClient http, string? inviteCode = null)
    {
        var phone = NewPhoneNumber();
        var registered = await http.PostJsonAsync("/api/users/register", new { phone_no = phone, password = Password, invite_code = inviteCode }, HttpStatusCode.Created);
        var token = await http.LoginAsync(phone, Password);
        return (registered.GetProperty("data").GetProperty("user_id").GetInt64(), token, phone);
    }

    /// <summary>
    /// Saves a UPI payout method for the token's player (its UPI id unique to the call) and returns its
    /// <c>method_id</c>, for <c>POST /api/wallet/withdraw</c>: test silos have no cooling-off
    /// (<see cref="SiloTestSettings.Defaults"/>), so it can receive a withdrawal at once.
    /// </summary>
    public static async Task<string> SavePayoutMethodAsync(this HttpClient http, string token)
    {
        var vpa = $"p{Interlocked.Increment(ref phoneSequence)}@okaxis";
        var saved = await http.PostJsonAsync("/api/wallet/payout-methods", new { kind = "upi", vpa }, token: token);
        return saved.GetProperty("data").GetProperty("method_id").GetString()!;
    }

    public static async Task<string> LoginAsync(this HttpClient http, string phone, string password)
    {
        var login = await http.PostJsonAsync("/api/users/login", new { phone_no = phone, password });
        return login.GetProperty("data").GetProperty("token").GetString()!;
    }
}
