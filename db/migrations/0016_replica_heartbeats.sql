-- The read replica's heartbeat (ReplicationHeartbeat): every silo given a read replica writes its own row
-- here on the primary at each replica check, with a number that grows by one each time, and reads the row
-- back from the replica at the next check. A beat the replica does not show yet is a write it has not
-- received or applied, however its Seconds_Behind_Master reads: that figure says nothing of events not yet
-- received (a stalled or half-open connection to the primary reads 0 until the replica gives up on it,
-- slave_net_timeout, 60 s by default). incarnation is one silo process (a random id); rows of processes gone
-- for a day are deleted by the next silo to start. Replicated like every other table; never read for money.
CREATE TABLE replica_heartbeats (
    incarnation CHAR(32) NOT NULL PRIMARY KEY,
    beat BIGINT NOT NULL,
    written_at DATETIME(6) NOT NULL
) ENGINE=InnoDB;
