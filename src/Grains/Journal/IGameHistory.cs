using GameServer.Games;
using GameServer.Wallet;

namespace GameServer.Grains.Journal;

/// <summary>
/// What the games committed to and drew (SPEC §3): each day's seed chain, each period's seed as it
/// opens and its result once drawn. The first record of each stays, so no seed or result is ever replaced.
/// </summary>
public interface IGameHistory
{
    /// <summary>Stores the seed of a period as it opens, before its commit is published; the first seed stays.</summary>
    Task<OpenedPeriod> SaveOpenedPeriodAsync(OpenedPeriod period, CancellationToken cancellationToken = default);

    /// <summary>A period's stored seed, if the period was ever opened.</summary>
    Task<OpenedPeriod?> ReadOpenedPeriodAsync(GameKey game, string periodId, CancellationToken cancellationToken = default);

    /// <summary>The most recently opened period of a game, if it ever opened one.</summary>
    Task<OpenedPeriod?> ReadLatestOpenedPeriodAsync(GameKey game, CancellationToken cancellationToken = default);

    /// <summary>Stores a drawn period; the first record for a period stays.</summary>
    Task SavePeriodResultAsync(PeriodResult result, CancellationToken cancellationToken = default);

    Task<PeriodResult?> ReadPeriodResultAsync(GameKey game, string periodId, CancellationToken cancellationToken = default);

    /// <summary>Newest first, from the primary: what the game resumes from. Results pages shown to players read <see cref="IHistoryReads"/>.</summary>
    Task<PeriodResultPage> ReadPeriodResultsAsync(GameKey game, int page, int limit, CancellationToken cancellationToken = default);

    /// <summary>The stored results of periods <paramref name="fromPeriodId"/> to <paramref name="toPeriodId"/> (inclusive), oldest first.</summary>
    Task<IReadOnlyList<PeriodResult>> ReadPeriodResultsBetweenAsync(GameKey game, string fromPeriodId, string toPeriodId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores a day's seed chain unless one is stored; returns the stored one (the first stays). A store
    /// with a clock of its own (MySQL) records the later of <see cref="StoredSeedChain.CreatedAt"/> and its time.
    /// </summary>
    Task<StoredSeedChain> SaveSeedChainAsync(StoredSeedChain chain, CancellationToken cancellationToken = default);

    Task<StoredSeedChain?> ReadSeedChainAsync(GameKey game, DateOnly day, CancellationToken cancellationToken = default);

    /// <summary>Every game's anchors of the days <paramref name="from"/> to <paramref name="to"/> (inclusive), by day then game; never a secret.</summary>
    Task<IReadOnlyList<DayAnchor>> ReadDayAnchorsAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default);
}
