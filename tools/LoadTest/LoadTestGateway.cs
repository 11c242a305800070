using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace GameServer.LoadTest;

/// <summary>
/// The generator acting as a hosted payment gateway (SPEC §5) for any profile: the server is configured
/// with a gateway entry (<c>Payments:Gateways:{name}:Secret</c>) whose secret the generator is given. A
/// deposit creates a real order; the generator then sends the paid callback a real gateway would, signed
/// with its own implementation of the signature, so the money path runs exactly as in production.
/// </summary>
public sealed class LoadTestGateway(string name, string secret)
{
    public const string SignatureHeader = "X-Signature";

    public string Name => name;

    /// <summary>Creates a deposit order of <paramref name="amountRupees"/> for the player and pays it; returns the order id.</summary>
    public async Task<string> DepositAsync(HttpClient client, string playerToken, long amountRupees, CancellationToken cancellationToken)
    {
        using var order = PlayerRequests.Authorized(HttpMethod.Post, "/api/wallet/deposit", playerToken, new { amount = amountRupees, gateway = name });
        using var created = await client.SendAsync(order, cancellationToken);
        created.EnsureSuccessStatusCode();
        var orderId = (await created.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("data").GetProperty("order_id").GetString()!;
        using var paid = await PayAsync(client, orderId, amountRupees, cancellationToken);
        paid.EnsureSuccessStatusCode();
        return orderId;
    }

    /// <summary>Sends the signed "paid" callback of an order; the caller reads the answer.</summary>
    public async Task<HttpResponseMessage> PayAsync(HttpClient client, string orderId, long amountRupees, CancellationToken cancellationToken)
    {
        using var callback = PaidCallback(orderId, amountRupees);
        return await client.SendAsync(callback, cancellationToken);
    }

    /// <summary>The signed "paid" callback of an order, as a gateway posts it to <c>/api/payments/{gateway}/callback</c>.</summary>
    public HttpRequestMessage PaidCallback(string orderId, long amountRupees)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["order_id"] = orderId, ["status"] = "paid", ["amount"] = amountRupees });
        var callback = new HttpRequestMessage(HttpMethod.Post, $"/api/payments/{name}/callback") { Content = new ByteArrayContent(body) };
        callback.Content.Headers.ContentType = new("application/json");
        callback.Headers.Add(SignatureHeader, Sign(DateTimeOffset.UtcNow.ToUnixTimeSeconds(), body));
        return callback;
    }

    /// <summary><c>t={unix seconds},v1={hex HMAC-SHA256(secret, "{t}." + body)}</c>, over the exact bytes sent.</summary>
    public string Sign(long unixSeconds, byte[] body)
    {
        var timestamp = unixSeconds.ToString(CultureInfo.InvariantCulture);
        var signed = Encoding.ASCII.GetBytes(timestamp + ".").Concat(body).ToArray();
        return $"t={timestamp},v1={Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed))}";
    }
}
