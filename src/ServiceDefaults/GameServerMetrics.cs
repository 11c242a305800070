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

    /// <summary>
    /// History reads (transactions, bet history, results pages, daily reports) of a silo with a read
    /// replica, by where they were served: <c>source</c> is <c>replica</c> or <c>primary</c> (the replica
    /// behind, unreachable, or failing the read).
    /// </summary>
    public static readonly Counter<long> HistoryReads = Meter.CreateCounter<long>("gameserver.history.reads", "{reads}", "History reads by where they were served (replica or primary)");

    private static int replicaServing = -1;
    private static long replicaLagMilliseconds = -1;

    /// <summary>
    /// 1 while this silo's history reads go to the read replica, 0 while they fall back to the primary
    /// (absent without a replica): 0 for long means the primary carries every read again.
    /// </summary>
    public static readonly ObservableGauge<int> ReadReplicaServing = Meter.CreateObservableGauge("gameserver.replica.serving",
        () => Volatile.Read(ref replicaServing) is var value and >= 0 ? [new Measurement<int>(value)] : Array.Empty<Measurement<int>>(),
        description: "1 while history reads go to the read replica, 0 while they go to the primary");

    /// <summary>
    /// The read replica's lag behind the primary (its <c>Seconds_Behind_Master</c>) at its last check;
    /// absent while unknown: unreachable, not replicating, or no replica.
    /// </summary>
    public static readonly ObservableGauge<double> ReadReplicaLag = Meter.CreateObservableGauge("gameserver.replica.lag",
        () => Interlocked.Read(ref replicaLagMilliseconds) is var value and >= 0 ? [new Measurement<double>(value / 1000.0)] : Array.Empty<Measurement<double>>(),
        "s", "The read replica's lag behind the primary at its last check");

    /// <summary>Records a check of the read replica for <see cref="ReadReplicaServing"/> and <see cref="ReadReplicaLag"/>.</summary>
    public static void RecordReadReplica(bool serving, TimeSpan? lag)
    {
        Volatile.Write(ref replicaServing, serving ? 1 : 0);
        Interlocked.Exchange(ref replicaLagMilliseconds, lag is { } known ? (long)known.TotalMilliseconds : -1);
    }

    /// <summary>Records the outcome of a ledger audit for <see cref="AuditViolations"/> and <see cref="AuditLastRun"/>.</summary>
    public static void RecordAudit(int violations, DateTimeOffset finishedAt)
    {
        Interlocked.Exchange(ref auditViolations, violations);
        Interlocked.Exchange(ref auditRunAtUnixSeconds, finishedAt.ToUnixTimeSeconds());
    }
}
