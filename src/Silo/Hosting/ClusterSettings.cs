namespace GameServer.Silo.Hosting;

/// <summary>The <c>Orleans</c> configuration section of a silo.</summary>
public sealed class ClusterSettings
{
    public const string Section = "Orleans";

    public string ClusterId { get; set; } = "game-server";
    public string ServiceId { get; set; } = "game-server";
    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;

    /// <summary>Development only: the silo port of the primary silo when this one is a secondary.</summary>
    public int? PrimarySiloPort { get; set; }

    /// <summary>Production: the address other silos and clients reach this silo on.</summary>
    public string? AdvertisedIPAddress { get; set; }
}
