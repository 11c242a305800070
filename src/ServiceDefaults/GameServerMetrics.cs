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

    /// <summary>
    /// Entries handed to the journal and not yet durable (queued plus the batch being written): the
    /// backlog an alert watches, since batch latency alone does not show appends piling up behind a slow store.
    /// </summary>
    public static readonly UpDownCounter<long> JournalBacklog = Meter.CreateUpDownCounter<long>("gameserver.journal.backlog", "{entries}", "Journal entries appended and not yet durable");

    /// <summary>
    /// From a period's end to its settlement complete (drawn, paid, outcomes recorded), in seconds with
    /// buckets up to 10 min: unlike <see cref="SettlementDuration"/> it includes the wait for the tick
    /// and for earlier periods, which is what players see.
    /// </summary>
    public static readonly Histogram<double> SettlementLag = Meter.CreateHistogram("gameserver.settlement.lag", "s", "From a period's end to its settlement complete",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.25, 0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600] });

    private static long auditViolations = -1;
    private static long auditRunAtUnixSeconds;

    /// <summary>
    /// Violations found by the last ledger audit of this process (absent until one ran): the journal is
    /// append-only, so a violation does not heal by itself and any value above 0 needs a person.
    /// </summary>
    public static readonly ObservableGauge<long> AuditViolations = Meter.CreateObservableGauge("gameserver.audit.violations",
        () => Interlocked.Read(ref auditViolations) is var value and >= 0 ? [new Measurement<long>(value)] : Array.Empty<Measurement<long>>(),
        "{violations}", "Violations found by the last ledger audit");

    /// <summary>When the last ledger audit of this process finished, as Unix time (absent until one ran).</summary>
    public static readonly ObservableGauge<long> AuditLastRun = Meter.CreateObservableGauge("gameserver.audit.last_run",
        () => Interlocked.Read(ref auditRunAtUnixSeconds) is var value and > 0 ? [new Measurement<long>(value)] : Array.Empty<Measurement<long>>(),
        "s", "When the last ledger audit finished (Unix time)");

    /// <summary>
    /// The memory this process may use: the GC's view, which is the container's (cgroup) limit or
    /// <c>GCHeapHardLimit</c> when set and the machine's memory otherwise. Divided into
    /// <c>dotnet.process.memory.working_set</c> it is the share the memory alert watches.
    /// </summary>
    public static readonly ObservableGauge<long> MemoryLimit = Meter.CreateObservableGauge("gameserver.process.memory.limit",
        () => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes, "By", "Memory available to this process (container limit or machine memory)");

    /// <summary>Records the outcome of a ledger audit for <see cref="AuditViolations"/> and <see cref="AuditLastRun"/>.</summary>
    public static void RecordAudit(int violations, DateTimeOffset finishedAt)
    {
        Interlocked.Exchange(ref auditViolations, violations);
        Interlocked.Exchange(ref auditRunAtUnixSeconds, finishedAt.ToUnixTimeSeconds());
    }
}
