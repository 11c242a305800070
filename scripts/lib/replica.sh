# The read replica of scripts/db-up.sh --replica: sourced by db-up.sh once the primary runs (it uses
# db-up.sh's DB_PORT, DB_NAME, DB_DIR, DB_SERVER_ID, socket and base), not run by itself.
# Prints the replica's read-only connection string on its last line.

replica_port=${DB_REPLICA_PORT:-$((DB_PORT + 1))}
replica_base=${DB_REPLICA_DIR:-$base-replica}
replica_datadir=$replica_base/data
replica_socket=$replica_base/mariadb.sock
replica_pidfile=$replica_base/mariadb.pid
DB_REPLICA_SERVER_ID=${DB_REPLICA_SERVER_ID:-$((DB_SERVER_ID + 1))}
DB_REPLICATION_USER=${DB_REPLICATION_USER:-gameserver_repl}
DB_REPLICATION_PASSWORD=${DB_REPLICATION_PASSWORD:-gameserver-dev-replication-password}
DB_READER_USER=${DB_READER_USER:-gameserver_reader}
DB_READER_PASSWORD=${DB_READER_PASSWORD:-gameserver-dev-reader-password}
# How long the replica's I/O thread waits before it tries the primary again (MariaDB's default is 60 s,
# long for a primary that was only restarted).
DB_REPLICA_CONNECT_RETRY=${DB_REPLICA_CONNECT_RETRY:-5}
# How long this script waits for the replica to run and catch up before it gives up.
DB_REPLICA_WAIT_SECONDS=${DB_REPLICA_WAIT_SECONDS:-60}

on_primary() { mariadb --no-defaults --socket="$socket" -uroot --batch --skip-column-names "$@"; }
on_replica() { mariadb --no-defaults --socket="$replica_socket" -uroot --batch --skip-column-names "$@"; }
# One field of SHOW REPLICA STATUS (empty when the server replicates from nobody).
replica_status() {
  mariadb --no-defaults --socket="$replica_socket" -uroot -e 'SHOW REPLICA STATUS\G' | sed -nE "s/^ *$1: ?(.*)$/\1/p"
}

# The primary lets the replica read its binary log.
on_primary <<SQL
CREATE USER IF NOT EXISTS '$DB_REPLICATION_USER'@'127.0.0.1' IDENTIFIED BY '$DB_REPLICATION_PASSWORD';
GRANT REPLICATION SLAVE ON *.* TO '$DB_REPLICATION_USER'@'127.0.0.1';
SQL

mkdir -p "$replica_base"
if mariadb_runs "$replica_pidfile"; then
  echo "==> MariaDB replica already running (pid $(cat "$replica_pidfile"))" >&2
else
  if [ ! -d "$replica_datadir/mysql" ]; then
    echo "==> initialising $replica_datadir" >&2
    mariadb-install-db --no-defaults --user=root --datadir="$replica_datadir" --auth-root-authentication-method=socket >/dev/null
  fi
  # read-only: only the replication thread (and root, for the seeding below) may write. Only DB_NAME
  # is replicated: ROW events by their table's database, statements (DDL) by their default database,
  # which db-migrate.sh and the service's connections set; users and other databases stay out.
  echo "==> starting the MariaDB replica on 127.0.0.1:$replica_port" >&2
  mariadbd --no-defaults --user=root --datadir="$replica_datadir" --socket="$replica_socket" --pid-file="$replica_pidfile" \
    --port="$replica_port" --bind-address=127.0.0.1 --skip-name-resolve \
    --innodb-buffer-pool-size="${DB_REPLICA_BUFFER_POOL:-256M}" --max-connections=500 \
    --server-id="$DB_REPLICA_SERVER_ID" --read-only --replicate-do-db="$DB_NAME" --relay-log=relay-bin \
    --log-error="$replica_base/mariadb.err" >/dev/null 2>&1 &
  for _ in $(seq 1 100); do
    mariadb-admin --no-defaults --socket="$replica_socket" -uroot ping >/dev/null 2>&1 && break
    sleep 0.2
  done
  mariadb-admin --no-defaults --socket="$replica_socket" -uroot ping >/dev/null 2>&1 || { echo "!! the MariaDB replica did not start; see $replica_base/mariadb.err" >&2; exit 1; }
fi

if [ -z "$(replica_status Master_Host)" ]; then
  # A new replica: load a consistent snapshot of DB_NAME and replicate from that snapshot's GTID on.
  # (Replaying the primary's binlog from its start would need every binlog file since the database
  # was made, and the primary expires them after DB_BINLOG_DAYS.)
  echo "==> seeding the replica with a snapshot of $DB_NAME" >&2
  seed=$replica_base/seed.sql
  mariadb-dump --no-defaults --socket="$socket" -uroot \
    --single-transaction --master-data=2 --gtid --routines --triggers --hex-blob \
    --default-character-set=utf8mb4 "$DB_NAME" > "$seed"
  # The snapshot's GTID, written by --gtid as a comment near the dump's end: -- SET GLOBAL gtid_slave_pos='0-1-99';
  gtid=$(sed -nE "s/^-- SET GLOBAL gtid_slave_pos='([^']*)';.*/\1/p" "$seed" | tail -n 1)
  [ -n "$gtid" ] || { echo "!! the snapshot of $DB_NAME carries no GTID" >&2; exit 1; }
  on_replica -e "CREATE DATABASE IF NOT EXISTS \`$DB_NAME\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
  on_replica "$DB_NAME" < "$seed"
  rm -f "$seed"
  on_replica <<SQL
SET GLOBAL gtid_slave_pos = '$gtid';
CHANGE MASTER TO MASTER_HOST = '127.0.0.1', MASTER_PORT = $DB_PORT,
  MASTER_USER = '$DB_REPLICATION_USER', MASTER_PASSWORD = '$DB_REPLICATION_PASSWORD',
  MASTER_CONNECT_RETRY = $DB_REPLICA_CONNECT_RETRY, MASTER_USE_GTID = slave_pos;
START SLAVE;
SQL
  echo "==> the replica replicates $DB_NAME from 127.0.0.1:$DB_PORT after GTID $gtid" >&2
elif [ "$(replica_status Slave_SQL_Running)" != Yes ] || [ "$(replica_status Slave_IO_Running)" = No ]; then
  # Stopped by hand (STOP SLAVE) or by an error: try again; an error shows up below.
  on_replica -e 'START SLAVE'
fi

# SLAVE MONITOR lets the service run SHOW REPLICA STATUS for its lag check; nothing else but SELECT.
on_replica <<SQL
CREATE USER IF NOT EXISTS '$DB_READER_USER'@'127.0.0.1' IDENTIFIED BY '$DB_READER_PASSWORD';
GRANT SELECT ON \`$DB_NAME\`.* TO '$DB_READER_USER'@'127.0.0.1';
GRANT SLAVE MONITOR ON *.* TO '$DB_READER_USER'@'127.0.0.1';
SQL

# Ready when both replication threads run and the replica has caught up.
caught_up=0
for _ in $(seq 1 $((DB_REPLICA_WAIT_SECONDS * 4))); do
  if [ "$(replica_status Slave_IO_Running)" = Yes ] && [ "$(replica_status Slave_SQL_Running)" = Yes ] \
    && [ "$(replica_status Seconds_Behind_Master)" = 0 ]; then
    caught_up=1
    break
  fi
  sleep 0.25
done
if [ "$caught_up" != 1 ]; then
  echo "!! the replica does not replicate after ${DB_REPLICA_WAIT_SECONDS} s: I/O $(replica_status Slave_IO_Running), SQL $(replica_status Slave_SQL_Running)," \
    "behind $(replica_status Seconds_Behind_Master) s; $(replica_status Last_IO_Error) $(replica_status Last_SQL_Error)" >&2
  exit 1
fi
echo "==> the replica on 127.0.0.1:$replica_port is caught up (GTID $(on_replica -e 'SELECT @@gtid_slave_pos'))" >&2
# A short connect timeout: while a replica host is unreachable, a read waits this long before it goes to the primary.
echo "Server=127.0.0.1;Port=$replica_port;Database=$DB_NAME;User ID=$DB_READER_USER;Password=$DB_READER_PASSWORD;Pooling=true;Maximum Pool Size=100;Connection Timeout=5"
