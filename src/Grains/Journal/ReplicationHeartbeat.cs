using System.Diagnostics;
using MySqlConnector;

namespace GameServer.Grains.Journal;

/// <summary>
/// Measures how far a read replica is behind from what it has received, not only from what it has applied
/// (migration 0016): each <see cref="BeatAsync"/> writes this process's next beat number to
/// <c>replica_heartbeats</c> on the primary, and <see cref="LagAsync"/> reads which beat the replica shows.
/// The lag is the time since the oldest beat written but not shown (zero when it shows the last one): the
/// replica lacks at least that much of the primary's history. It is a lower bound within one check
/// interval, and it needs no clock shared between the servers: both ends of a beat are timed here, on a
/// monotonic clock. One instance per silo process, used by one check at a time (<see cref="ReadReplicaMonitor"/>).
/// </summary>
public sealed class ReplicationHeartbeat(MySqlDataSource primary, MySqlDataSource replica)
{
    /// <summary>
    /// The most beats waiting to be seen: past them no more are written (the lag still grows from the oldest),
    /// so a replica away for hours costs neither memory here nor rows there.
    /// </summary>
    public const int MaxUnseenBeats = 1000;

    /// <summary>Rows of processes that have not beaten for this long are gone: the first beat of a process deletes them.</summary>
    private static readonly TimeSpan StaleRowAge = TimeSpan.FromDays(1);

    private readonly string incarnation = Guid.NewGuid().ToString("N");
    private readonly Queue<(long Beat, long WrittenAt)> unseen = new();
    private long lastBeat;

    /// <summary>
    /// The time since the oldest beat the replica does not show yet, or zero when it shows every beat written;
    /// zero before the first beat. Throws what MySqlConnector throws when the replica cannot be read.
    /// </summary>
    public async Task<TimeSpan> LagAsync(CancellationToken cancellationToken)
    {
        await using var connection = await replica.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT beat FROM replica_heartbeats WHERE incarnation = @incarnation";
        command.Parameters.AddWithValue("@incarnation", incarnation);
        var shown = await command.ExecuteScalarAsync(cancellationToken) is long beat ? beat : 0;
        while (unseen.TryPeek(out var oldest) && oldest.Beat <= shown)
        {
            unseen.Dequeue();
        }

        return unseen.TryPeek(out var missing) ? Stopwatch.GetElapsedTime(missing.WrittenAt) : TimeSpan.Zero;
    }

    /// <summary>
    /// Writes the next beat to the primary, unless <see cref="MaxUnseenBeats"/> are waiting. A beat that could not
    /// be written is not waited for; the exception (the primary unreachable) is the caller's to log or ignore.
    /// </summary>
    public async Task BeatAsync(CancellationToken cancellationToken)
    {
        if (unseen.Count >= MaxUnseenBeats)
        {
            return;
        }

        await using var connection = await primary.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = (lastBeat == 0 ? "DELETE FROM replica_heartbeats WHERE written_at < UTC_TIMESTAMP(6) - INTERVAL @staleHours HOUR; " : "")
            + "INSERT INTO replica_heartbeats (incarnation, beat, written_at) VALUES (@incarnation, @beat, UTC_TIMESTAMP(6)) "
            + "ON DUPLICATE KEY UPDATE beat = VALUES(beat), written_at = VALUES(written_at)";
        command.Parameters.AddWithValue("@staleHours", (int)StaleRowAge.TotalHours);
        command.Parameters.AddWithValue("@incarnation", incarnation);
        command.Parameters.AddWithValue("@beat", lastBeat + 1);
        var writtenAt = Stopwatch.GetTimestamp();
        await command.ExecuteNonQueryAsync(cancellationToken);
        lastBeat++;
        unseen.Enqueue((lastBeat, writtenAt));
    }
}
