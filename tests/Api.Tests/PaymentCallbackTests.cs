using System.Net;
using System.Security.Cryptography;
using System.Text;
using GameServer.ApiFrontend.Payments;
using GameServer.Testing;

namespace GameServer.Api.Tests;

/// <summary>SPEC §5 callbacks: the MAC is over the exact bytes received, checked against vectors the server did not make.</summary>
[Collection(FrontendCollection.Name)]
public sealed class PaymentCallbackTests(FrontendFixture fixture)
{
    // Known answers computed outside this code base (Python's hmac module and `openssl dgst -sha256 -hmac`).
    private const string VectorSecret = "whsec_7f3a9c1e5b2d";
    private const long VectorTimestamp = 1764460800;
    private const string VectorBody = """{"order_id":"dep-42","status":"paid","amount":250.5}""";
    private const string VectorMac = "e84faa9979905798101ef55b8471c4d079db1dfb72debcea4b89062965a746cb";
    private const string VectorMacWithByteOrderMark = "9ce7c3b379dff714b69d09eea436c6bb37d5bae70141351c0cf739ed5f54a8f0";

    private static readonly DateTimeOffset VectorTime = DateTimeOffset.FromUnixTimeSeconds(VectorTimestamp);
    private static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(300);

    [Fact]
    public void An_independently_computed_signature_is_accepted_and_the_server_signs_alike()
    {
        var body = Encoding.UTF8.GetBytes(VectorBody);

        Assert.True(CallbackSignature.IsValid(VectorSecret, $"t={VectorTimestamp},v1={VectorMac}", body, VectorTime, Tolerance));
        Assert.True(CallbackSignature.IsValid(VectorSecret, $"t={VectorTimestamp},v1={VectorMac.ToUpperInvariant()}", body, VectorTime, Tolerance));
        Assert.Equal($"t={VectorTimestamp},v1={VectorMac}", CallbackSignature.Sign(VectorSecret, VectorTimestamp, body));
    }

    [Fact]
    public void A_byte_order_mark_is_part_of_what_was_signed()
    {
        byte[] withMark = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(VectorBody)];

        Assert.True(CallbackSignature.IsValid(VectorSecret, $"t={VectorTimestamp},v1={VectorMacWithByteOrderMark}", withMark, VectorTime, Tolerance));
        Assert.False(CallbackSignature.IsValid(VectorSecret, $"t={VectorTimestamp},v1={VectorMac}", withMark, VectorTime, Tolerance));
    }

    [Theory]
    [InlineData(-300, true)]
    [InlineData(300, true)]
    [InlineData(-301, false)]
    [InlineData(301, false)]
    [InlineData(86_400, false)]
    public void The_timestamp_must_be_within_300_seconds_of_now_in_the_past_or_the_future(int offsetSeconds, bool accepted)
    {
        var body = Encoding.UTF8.GetBytes(VectorBody);
        var now = VectorTime.AddSeconds(-offsetSeconds);

        Assert.Equal(accepted, CallbackSignature.IsValid(VectorSecret, $"t={VectorTimestamp},v1={VectorMac}", body, now, Tolerance));
    }

    [Fact]
    public async Task A_correctly_signed_callback_starting_with_a_byte_order_mark_credits_the_deposit()
    {
        var (player, orderId) = await PendingOrder(100);
        byte[] body = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes($$"""{"order_id":"{{orderId}}","status":"paid","amount":100}""")];

        Assert.Equal(HttpStatusCode.OK, await Deliver(body, SignIndependently(body, DateTimeOffset.UtcNow.ToUnixTimeSeconds())));

        Assert.Equal(100m, await Balance(player.Token));
    }

    [Fact]
    public async Task A_correctly_signed_callback_with_a_non_utf8_byte_in_a_field_the_server_does_not_read_credits_the_deposit()
    {
        var (player, orderId) = await PendingOrder(100);
        byte[] body = [.. Encoding.UTF8.GetBytes($$"""{"order_id":"{{orderId}}","status":"paid","amount":100,"note":"caf"""), 0xE9, .. "\"}"u8];

        Assert.Equal(HttpStatusCode.OK, await Deliver(body, SignIndependently(body, DateTimeOffset.UtcNow.ToUnixTimeSeconds())));

        Assert.Equal(100m, await Balance(player.Token));
    }

    [Fact]
    public async Task A_signed_callback_with_a_non_utf8_byte_in_the_order_id_matches_no_order_and_moves_nothing()
    {
        var (player, orderId) = await PendingOrder(100);
        byte[] body = [.. Encoding.UTF8.GetBytes($$"""{"order_id":"{{orderId}}"""), 0xFF, .. "\",\"status\":\"paid\",\"amount\":100}"u8];

        Assert.Equal(HttpStatusCode.NotFound, await Deliver(body, SignIndependently(body, DateTimeOffset.UtcNow.ToUnixTimeSeconds())));

        Assert.Equal(0m, await Balance(player.Token));
    }

    [Fact]
    public async Task A_callback_signed_for_a_time_more_than_300_seconds_ahead_is_401_and_moves_nothing()
    {
        var (player, orderId) = await PendingOrder(100);
        var body = Encoding.UTF8.GetBytes($$"""{"order_id":"{{orderId}}","status":"paid","amount":100}""");

        Assert.Equal(HttpStatusCode.Unauthorized, await Deliver(body, SignIndependently(body, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 301)));
        Assert.Equal(HttpStatusCode.Unauthorized, await Deliver(body, SignIndependently(body, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 86_400)));

        Assert.Equal(0m, await Balance(player.Token));
    }

    /// <summary>Signs as a gateway would, with nothing of the server's: HMAC-SHA256 over "t." followed by the bytes.</summary>
    private static string SignIndependently(byte[] body, long timestamp)
    {
        var message = Encoding.ASCII.GetBytes($"{timestamp}.").Concat(body).ToArray();
        return $"t={timestamp},v1={Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(LocalCluster.SandboxGatewaySecret), message))}";
    }

    private async Task<((long UserId, string Token, string Phone) Player, string OrderId)> PendingOrder(decimal amount)
    {
        var player = await fixture.Http.NewPlayerAsync();
        var order = await fixture.Http.PostJsonAsync("/api/wallet/deposit", new { amount, gateway = "sandbox" }, token: player.Token);
        return (player, order.GetProperty("data").GetProperty("order_id").GetString()!);
    }

    private async Task<HttpStatusCode> Deliver(byte[] body, string signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/payments/sandbox/callback") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add(CallbackSignature.Header, signature);
        using var response = await fixture.SecondHttp.SendAsync(request);
        return response.StatusCode;
    }

    private async Task<decimal> Balance(string token) =>
        (await fixture.Http.GetJsonAsync("/api/wallet/balance", token)).GetProperty("data").GetProperty("balance").GetDecimal();
}
