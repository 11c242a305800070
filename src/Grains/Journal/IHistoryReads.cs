using GameServer.Games;
using GameServer.Reports;
using GameServer.Wallet;

namespace GameServer.Grains.Journal;

/// <summary>
/// What players and staff look back on: a player's transactions and bet history, a game's results
/// pages and the daily business report. These reads, and only these, may be served by a read replica
/// (<see cref="ReplicaRoutedHistoryReads"/>), a few seconds behind the primary at most: each is shown to
/// a person and decides nothing. A bet placed a moment ago may be missing from the bet history until
/// the replica has it, exactly as it would be had the page been loaded a moment earlier.
/// </summary>
/// <remarks>
/// Everything else stays on the primary, through the other parts of the journal: every write; the
/// balance a wallet loads and the operation ids it checks (a repeat must find its first receipt at
/// once, or money moves twice); the tallies responsible-play limits and commissions are computed from;
/// the bets a settlement pays and the results and seeds a game resumes from; withdrawals, whose queue
/// staff act on; the audit; the staff audit trail; and the fairness archive, which a day grain keeps
/// once the day is complete and so must never read from a copy that may still lack the day's end.
/// </remarks>
public interface IHistoryReads
{
    /// <summary>
    /// An account's entries newest first (by seq); <paramref name="page"/> is 1-based. With a
    /// <paramref name="type"/>, only entries of that type, and <see cref="LedgerPage.Total"/> counts those:
    /// the store filters, so every page is full.
    /// </summary>
    Task<LedgerPage> ReadPageAsync(long accountId, int page, int limit, LedgerEntryType? type = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// A player's bets placed in [from, to), newest first, 1-based pages; with <paramref name="games"/>,
    /// only bets of the game-durations it keeps, filtered by the store (<see cref="BetHistoryPage.Total"/> counts them).
    /// </summary>
    Task<BetHistoryPage> ReadBetHistoryAsync(long userId, DateTimeOffset from, DateTimeOffset to, int page, int limit, GameFilter? games = null, CancellationToken cancellationToken = default);

    /// <summary>A game's drawn periods, newest first, 1-based pages (the game's own recovery reads them through <see cref="IGameHistory"/>).</summary>
    Task<PeriodResultPage> ReadPeriodResultsAsync(GameKey game, int page, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// The journal's aggregates for the staff's business reports (SPEC §7 "Reports"): one
    /// <see cref="ReportDay"/> for every UTC day <paramref name="from"/> to <paramref name="to"/>
    /// (inclusive, at most a few months: see <see cref="ReportRules.DailyRange"/>), oldest first: each
    /// ledger entry type's movement by the day of its entries' <c>created_at</c>, every type present; and
    /// per game-duration, the bets placed that day and the outcomes recorded that day. The store
    /// aggregates (on MySQL, index-only range scans: migration 0013), it never hands back the rows.
    /// </summary>
    Task<IReadOnlyList<ReportDay>> ReadDailyReportAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default);
}
