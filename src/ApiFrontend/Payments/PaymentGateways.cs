using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GameServer.ApiFrontend.Apis;
using GameServer.ApiFrontend.Hosting;
using GameServer.Hosting;
using GameServer.Wallet;
using Microsoft.Extensions.Options;

namespace GameServer.ApiFrontend.Payments;

/// <summary>Where a player pays a deposit order. A real gateway answers with a page to pay on and calls back later.</summary>
public interface IPaymentGateway
{
    string Name { get; }

    Task<GatewayCheckout> StartCheckoutAsync(DepositOrder order, CancellationToken cancellationToken);
}

public sealed record GatewayCheckout(string? PaymentUrl);

/// <summary>The body of a gateway callback: the order, its verdict and the amount paid.</summary>
public sealed record GatewayCallback(string? OrderId, string? Status, JsonElement? Amount);

/// <summary>
/// Verifies and applies gateway callbacks. The HTTP endpoint and the built-in test gateway both come
/// through here, so the test gateway exercises the signed path a real gateway uses.
/// </summary>
public sealed class PaymentCallbacks(IGrainFactory grains, IOptions<PaymentOptions> options, GatewaySecrets secrets)
{
    /// <summary>
    /// Verifies the signature over <paramref name="rawBody"/> exactly as received, then reads it. A
    /// leading byte-order mark is skipped and bytes that are not UTF-8 become U+FFFD: in a field this
    /// server reads they can never match an order; in one it does not read they change nothing.
    /// </summary>
    public async Task<DepositOrder> HandleAsync(string gateway, ReadOnlyMemory<byte> rawBody, string? signature)
    {
        var secret = secrets.For(gateway) ?? throw GameServerException.NotFound($"No gateway named '{ClientText.Cut(gateway)}'.");
        if (!CallbackSignature.IsValid(secret, signature, rawBody.Span, DateTimeOffset.UtcNow, options.Value.SignatureTolerance))
        {
            throw GameServerException.Unauthorized("The callback signature is missing, wrong or stale.");
        }

        GatewayCallback? callback;
        try
        {
            var body = rawBody.Span.StartsWith(Utf8ByteOrderMark) ? rawBody.Span[Utf8ByteOrderMark.Length..] : rawBody.Span;
            callback = JsonSerializer.Deserialize<GatewayCallback>(Encoding.UTF8.GetString(body), CallbackJson);
        }
        catch (JsonException)
        {
            throw GameServerException.Invalid("The callback body is not the expected JSON.");
        }

        if (callback is null || string.IsNullOrEmpty(callback.OrderId) || callback.OrderId.Length > 128)
        {
            throw GameServerException.Invalid("order_id is required.");
        }

        var paid = callback.Status switch
        {
            "paid" => true,
            "failed" => false,
            _ => throw GameServerException.Invalid("status must be 'paid' or 'failed'."),
        };
        var amount = RequestValues.Amount(callback.Amount, new Money(options.Value.MaxDepositMinorUnits));
        return await grains.GetGrain<IDepositOrderGrain>(callback.OrderId).Complete(paid, amount, gateway.ToLowerInvariant());
    }

    public static readonly JsonSerializerOptions CallbackJson = CreateJson();

    private static ReadOnlySpan<byte> Utf8ByteOrderMark => [0xEF, 0xBB, 0xBF];

    private static JsonSerializerOptions CreateJson()
    {
        var json = new JsonSerializerOptions();
        ApiConventionsExtensions.ConfigureJson(json);
        return json;
    }
}

/// <summary>Gateway secrets from configuration; in Development the test gateway gets a random one if none is set.</summary>
public sealed class GatewaySecrets
{
    public const string TestGateway = "test";

    private readonly Dictionary<string, string> secrets = new(StringComparer.OrdinalIgnoreCase);

    public GatewaySecrets(IOptions<PaymentOptions> options, IConfiguration configuration)
    {
        foreach (var (name, settings) in options.Value.Gateways)
        {
            if (!string.IsNullOrEmpty(settings.Secret))
            {
                secrets[name] = settings.Secret;
            }
        }

        if (configuration.GetHostingProfile() == HostingProfile.Development)
        {
            secrets.TryAdd(TestGateway, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        }
        else
        {
            // The test gateway confirms without payment: never outside Development.
            secrets.Remove(TestGateway);
        }
    }

    public string? For(string gateway) => secrets.GetValueOrDefault(gateway);
}

/// <summary>Development's gateway: "pays" at once by sending itself the signed callback a real gateway would.</summary>
public sealed class TestPaymentGateway(GatewaySecrets secrets, PaymentCallbacks callbacks) : IPaymentGateway
{
    public string Name => GatewaySecrets.TestGateway;

    public async Task<GatewayCheckout> StartCheckoutAsync(DepositOrder order, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new { order_id = order.OrderId, status = "paid", amount = order.Amount }, PaymentCallbacks.CallbackJson);
        var signature = CallbackSignature.Sign(secrets.For(Name)!, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), body);
        await callbacks.HandleAsync(Name, body, signature);
        return new GatewayCheckout(null);
    }
}

/// <summary>A configured external gateway: the player pays on its hosted page; the verdict arrives by signed callback.</summary>
public sealed class HostedCheckoutGateway(string name, Uri checkoutUrl) : IPaymentGateway
{
    public string Name => name;

    public Task<GatewayCheckout> StartCheckoutAsync(DepositOrder order, CancellationToken cancellationToken)
    {
        var query = $"order_id={Uri.EscapeDataString(order.OrderId)}&amount={order.Amount}";
        var url = new UriBuilder(checkoutUrl) { Query = query }.Uri.ToString();
        return Task.FromResult(new GatewayCheckout(url));
    }
}

public static class PaymentServiceExtensions
{
    public static WebApplicationBuilder AddPayments(this WebApplicationBuilder builder)
    {
        var configured = builder.AddGameOptions<PaymentOptions>(PaymentOptions.Section);
        builder.Services.AddSingleton<GatewaySecrets>();
        builder.Services.AddSingleton<PaymentCallbacks>();
        if (builder.Configuration.GetHostingProfile() == HostingProfile.Development)
        {
            builder.Services.AddSingleton<IPaymentGateway, TestPaymentGateway>();
        }

        foreach (var (name, settings) in configured.Gateways)
        {
            if (settings.CheckoutUrl is { } checkoutUrl && !string.Equals(name, GatewaySecrets.TestGateway, StringComparison.OrdinalIgnoreCase))
            {
                builder.Services.AddSingleton<IPaymentGateway>(new HostedCheckoutGateway(name.ToLowerInvariant(), checkoutUrl));
            }
        }

        return builder;
    }
}
