namespace GameServer.ApiFrontend.Realtime;

/// <summary>The <c>Realtime</c> section.</summary>
public sealed class RealtimeOptions
{
    public const string Section = "Realtime";

    /// <summary>Live connections one anonymous address may hold on this frontend; a load test raises it.</summary>
    public int MaxConnectionsPerIp { get; set; } = 20;

    /// <summary>Live connections one logged-in player may hold on this frontend (phones, tabs), wherever they come from.</summary>
    public int MaxConnectionsPerPlayer { get; set; } = 10;

    /// <summary>Largest message a client may send (clients only send small join/leave calls).</summary>
    public long MaxReceiveMessageBytes { get; set; } = 4 * 1024;

    /// <summary>How often this frontend renews its watch of the wallets of the players it holds; well inside <c>Wallet:WatchExpiry</c>.</summary>
    public TimeSpan WatchRenewalInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a new connection waits for the watch of its player's wallet before it goes on without (the watch continues).</summary>
    public TimeSpan WatchOnConnectTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the relays check that their stream subscriptions still exist.</summary>
    public TimeSpan SubscriptionCheckInterval { get; set; } = TimeSpan.FromSeconds(3);
}
