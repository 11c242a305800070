using System.ComponentModel.DataAnnotations;

namespace GameServer.Grains.Journal;

/// <summary>
/// The <c>Database</c> section: when the read replica (<c>ConnectionStrings:GameServerReadReplica</c>)
/// serves the history reads. Without that connection string these settings do nothing.
/// </summary>
public sealed class ReadReplicaOptions
{
    public const string Section = "Database";

    /// <summary>
    /// The most a replica may lag (its <c>Seconds_Behind_Master</c>, or the age of the oldest heartbeat it has
    /// not shown, whichever is larger: <see cref="ReplicationHeartbeat"/>) and still serve history reads;
    /// further behind, they go to the primary. A player who has just bet reads the bet history at most
    /// this much behind, so keep it to seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan ReplicaMaxLag { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How often a silo asks the replica for its lag (one <c>SHOW REPLICA STATUS</c> and one heartbeat read on
    /// it, one heartbeat written to the primary; not one per read). Keep it well under the max lag: the
    /// heartbeat's lag is measured to within one interval.
    /// A check that has no answer within this time counts as an unreachable replica. A replica that
    /// stops replicating is taken off the reads at most this long after (a read that fails on it, at once).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan ReplicaCheckInterval { get; set; } = TimeSpan.FromSeconds(2);
}
