using System.Diagnostics.Metrics;

namespace GameServer;

/// <summary>The server's own meters, exported with the ASP.NET Core and Orleans ones at <c>/metrics</c>.</summary>
public static class GameServerMetrics
{
    public const string MeterName = "GameServer";

    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> BetsPlaced = Meter.CreateCounter<long>("gameserver.bets.placed", description: "Bets staked");
    public static readonly Counter<long> BetsSettled = Meter.CreateCounter<long>("gameserver.bets.settled", description: "Bets settled");
    public static readonly Histogram<double> SettlementDuration = Meter.CreateHistogram<double>("gameserver.settlement.duration", "ms", "From draw to last outcome recorded");
    public static readonly Histogram<long> JournalBatchSize = Meter.CreateHistogram<long>("gameserver.journal.batch.size", "{entries}", "Entries per group commit");
    public static readonly Histogram<double> JournalBatchDuration = Meter.CreateHistogram<double>("gameserver.journal.batch.duration", "ms", "Duration of one group commit");
    public static readonly Histogram<double> ResultFanOut = Meter.CreateHistogram<double>("gameserver.result.fanout", "ms", "From a result's draw to this frontend having written it to every watcher of the game");
    public static readonly Counter<long> PasswordHashesRefused = Meter.CreateCounter<long>("gameserver.passwords.refused", description: "Logins and registrations refused because the hashing pool stayed full (503)");
    public static readonly Histogram<double> PasswordHashWait = Meter.CreateHistogram<double>("gameserver.passwords.wait", "ms", "Wait for a free slot of the hashing pool");
    public static readonly UpDownCounter<long> SignalRConnections = Meter.CreateUpDownCounter<long>("gameserver.signalr.connections", description: "Open SignalR connections");
}
