namespace GameServer.Hosting;

/// <summary>
/// The <c>Orleans</c> section, read alike by silos and frontends: which cluster to join and, per
/// profile, how to reach it.
/// </summary>
public sealed class ClusterSettings
{
    public const string Section = "Orleans";

    public string ClusterId { get; set; } = "game-server";

    public string ServiceId { get; set; } = "game-server";

    /// <summary>A silo's port for other silos.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    /// <summary>A silo's port for clients (frontends).</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>Development silo only: the silo port of the primary silo when this one is a secondary.</summary>
    public int? PrimarySiloPort { get; set; }

    /// <summary>Production silo: the address other silos and clients reach this silo on (loopback when unset).</summary>
    public string? AdvertisedIPAddress { get; set; }

    /// <summary>Development frontend: the silo gateways to use, as <c>host:port</c> (127.0.0.1:30000 when empty).</summary>
    public List<string> Gateways { get; set; } = [];
}
