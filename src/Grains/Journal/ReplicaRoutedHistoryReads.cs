using System.Data.Common;
using GameServer.Games;
using GameServer.Reports;
using GameServer.Wallet;

namespace GameServer.Grains.Journal;

/// <summary>
/// The history reads (<see cref="IHistoryReads"/>) from the read replica while
/// <see cref="ReadReplicaMonitor.ServesReads"/>, from the primary otherwise. A read that fails on the
/// replica is made again on the primary within the same call, so a replica going down shows as nothing
/// to the caller; the monitor then keeps reads on the primary until the replica is current again.
/// Counts each read by where it was served (<c>gameserver_history_reads_total{source}</c>).
/// </summary>
public sealed class ReplicaRoutedHistoryReads(IHistoryReads primary, IHistoryReads replica, ReadReplicaMonitor monitor) : IHistoryReads
{
    private static readonly KeyValuePair<string, object?> FromReplica = new("source", "replica");
    private static readonly KeyValuePair<string, object?> FromPrimary = new("source", "primary");

    public Task<LedgerPage> ReadPageAsync(long accountId, int page, int limit, LedgerEntryType? type = null, CancellationToken cancellationToken = default) =>
        Read(store => store.ReadPageAsync(accountId, page, limit, type, cancellationToken));

    public Task<BetHistoryPage> ReadBetHistoryAsync(long userId, DateTimeOffset from, DateTimeOffset to, int page, int limit, GameFilter? games = null, CancellationToken cancellationToken = default) =>
        Read(store => store.ReadBetHistoryAsync(userId, from, to, page, limit, games, cancellationToken));

    public Task<PeriodResultPage> ReadPeriodResultsAsync(GameKey game, int page, int limit, CancellationToken cancellationToken = default) =>
        Read(store => store.ReadPeriodResultsAsync(game, page, limit, cancellationToken));

    public Task<IReadOnlyList<ReportDay>> ReadDailyReportAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default) =>
        Read(store => store.ReadDailyReportAsync(from, to, cancellationToken));

    private async Task<T> Read<T>(Func<IHistoryReads, Task<T>> read)
    {
        if (monitor.ServesReads)
        {
            try
            {
                var served = await read(replica);
                GameServerMetrics.HistoryReads.Add(1, FromReplica);
                return served;
            }
            catch (DbException exception)
            {
                // Unreachable, gone mid-read, out of connections: the primary has the same rows and more.
                monitor.ReadFailed(exception);
            }
        }

        var fromPrimary = await read(primary);
        GameServerMetrics.HistoryReads.Add(1, FromPrimary);
        return fromPrimary;
    }
}
