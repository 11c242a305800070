namespace GameServer.ApiFrontend.Payments;

/// <summary>The <c>Payments</c> section.</summary>
public sealed class PaymentOptions
{
    public const string Section = "Payments";

    /// <summary>Callbacks whose timestamp is further than this from now are refused (replay window).</summary>
    public TimeSpan SignatureTolerance { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>Per gateway name: the shared secret its callbacks are signed with.</summary>
    public Dictionary<string, GatewaySettings> Gateways { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Largest deposit in one order, in minor units.</summary>
    public long MaxDepositMinorUnits { get; set; } = 10_000_000_00;
}

public sealed class GatewaySettings
{
    public string? Secret { get; set; }

    /// <summary>Where the gateway's hosted payment page is; the player is sent there with the order id and amount.</summary>
    public Uri? CheckoutUrl { get; set; }
}
