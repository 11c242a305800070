using System.Data.Common;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MySqlConnector;

namespace GameServer.Grains.Journal;

/// <summary>
/// Knows whether the read replica may serve history reads now (<see cref="ServesReads"/>), from one check
/// every <see cref="ReadReplicaOptions.ReplicaCheckInterval"/>, never one per read: <c>SHOW REPLICA STATUS</c>
/// and the replica's heartbeat row on the replica, then the next heartbeat on the primary
/// (<see cref="ReplicationHeartbeat"/>). Its lag is the larger of <c>Seconds_Behind_Master</c> (how far
/// applying is behind receiving) and the heartbeat's (how far what it has is behind the primary, which also
/// counts what it has not received: a stalled link to the primary reads 0 seconds behind until the replica
/// gives up on it). The replica serves while it answers and that lag is known and at most
/// <see cref="ReadReplicaOptions.ReplicaMaxLag"/>. No answer, an unknown lag (NULL: a replication thread
/// is stopped or cannot reach the primary; no row: the server replicates from nobody), a larger lag, or a
/// history read that failed on it: reads go to the primary until a later check finds the replica current
/// again. Before the first check they go to the primary too.
/// Every check sets <c>gameserver_replica_serving</c> and <c>gameserver_replica_lag_seconds</c>.
/// </summary>
public sealed partial class ReadReplicaMonitor(
    [FromKeyedServices(ReadReplicaMonitor.DataSourceKey)] MySqlDataSource replica,
    MySqlDataSource primary,
    IOptions<ReadReplicaOptions> options,
    ILogger<ReadReplicaMonitor> logger) : BackgroundService
{
    /// <summary>The service key of the replica's <see cref="MySqlDataSource"/> (the primary's has none).</summary>
    public const string DataSourceKey = "read-replica";

    private readonly Lock gate = new();
    private readonly ReplicationHeartbeat heartbeat = new(primary, replica);
    private bool servesReads;
    private bool checkedOnce;
    private TimeSpan? lag;

    /// <summary>The replica's connections: history reads use them while <see cref="ServesReads"/>.</summary>
    public MySqlDataSource DataSource => replica;

    /// <summary>Whether history reads go to the replica now.</summary>
    public bool ServesReads
    {
        get
        {
            lock (gate)
            {
                return servesReads;
            }
        }
    }

    /// <summary>The replica's lag as its last check found it; null when unknown (no answer, not replicating, not checked yet).</summary>
    public TimeSpan? Lag
    {
        get
        {
            lock (gate)
            {
                return lag;
            }
        }
    }

    /// <summary>
    /// Asks the replica for its lag once and decides from the answer, then writes the next heartbeat to the
    /// primary; never throws for the replica's sake (nor the primary's: a silo without it has louder alarms).
    /// </summary>
    public async Task CheckAsync(CancellationToken cancellationToken = default)
    {
        await DecideFromReplicaAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.ReplicaCheckInterval);
        try
        {
            await heartbeat.BeatAsync(timeout.Token);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Not measured this time: the replica's lag keeps growing from the last beat it has not shown.
            LogBeatFailed(logger, exception);
        }
    }

    private async Task DecideFromReplicaAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.ReplicaCheckInterval);
        (TimeSpan? Lag, string? Problem) found;
        try
        {
            found = await ReadLagAsync(timeout.Token);
            if (found.Problem is null && await heartbeat.LagAsync(timeout.Token) is var behind && behind > found.Lag)
            {
                found = (behind, null);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Whatever went wrong, it is the replica's (or the way to it): reads go to the primary, and the
            // silo, whose hosted services stop it when they throw, goes on.
            found = (null, exception switch
            {
                OperationCanceledException => $"no answer within {options.Value.ReplicaCheckInterval.TotalSeconds:0.###} s",
                DbException => $"unreachable: {exception.Message}",
                _ => $"its status could not be read: {exception.Message}",
            });
        }

        var maxLag = options.Value.ReplicaMaxLag;
        var problem = found.Problem ?? (found.Lag > maxLag ? $"it lags {found.Lag.Value.TotalSeconds:0} s, more than the {maxLag.TotalSeconds:0.###} s allowed (Database:ReplicaMaxLag)" : null);
        Decide(problem is null, found.Lag, problem, null);
    }

    /// <summary>A history read failed on the replica: reads go to the primary until a check finds the replica current again.</summary>
    public void ReadFailed(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        Decide(false, null, $"a read failed on it: {exception.Message}", exception);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ReplicaCheckInterval);
        do
        {
            await CheckAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task<(TimeSpan? Lag, string? Problem)> ReadLagAsync(CancellationToken cancellationToken)
    {
        await using var connection = await replica.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // MariaDB 10.5+ and MySQL 8.0.22+; the reading user needs SLAVE MONITOR (MariaDB) or REPLICATION CLIENT (MySQL).
        command.CommandText = "SHOW REPLICA STATUS";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return (null, "it replicates from no primary (SHOW REPLICA STATUS is empty)");
        }

        // MariaDB names the column Seconds_Behind_Master, MySQL 8.0.22+ Seconds_Behind_Source.
        var column = Enumerable.Range(0, reader.FieldCount)
            .FirstOrDefault(i => reader.GetName(i) is "Seconds_Behind_Master" or "Seconds_Behind_Source", -1);
        if (column < 0)
        {
            return (null, "SHOW REPLICA STATUS has no Seconds_Behind_Master");
        }

        return reader.IsDBNull(column)
            ? (null, "it does not replicate (Seconds_Behind_Master is NULL: a replication thread is stopped or cannot reach the primary)")
            : (TimeSpan.FromSeconds(Convert.ToInt64(reader.GetValue(column), CultureInfo.InvariantCulture)), null);
    }

    private void Decide(bool serves, TimeSpan? measuredLag, string? problem, Exception? exception)
    {
        bool changed;
        lock (gate)
        {
            changed = !checkedOnce || servesReads != serves;
            (servesReads, lag, checkedOnce) = (serves, measuredLag, true);
        }

        GameServerMetrics.RecordReadReplica(serves, measuredLag);
        if (!changed)
        {
            return;
        }

        if (serves)
        {
            LogServing(logger, measuredLag);
        }
        else
        {
            LogNotServing(logger, exception, problem ?? "unknown");
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not write the read replica's heartbeat to the primary")]
    private static partial void LogBeatFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "History reads go to the read replica (lag {Lag})")]
    private static partial void LogServing(ILogger logger, TimeSpan? lag);

    [LoggerMessage(Level = LogLevel.Warning, Message = "History reads go to the primary: the read replica is not current ({Problem})")]
    private static partial void LogNotServing(ILogger logger, Exception? exception, string problem);
}
