using GameServer.Wallet;

namespace GameServer.Games;

/// <summary>A day's anchor of one game and duration (hex SHA-256 of its first seed) and when it was published.</summary>
[GenerateSerializer, Immutable]
public sealed record DayAnchor(
    [property: Id(0)] GameKey Game,
    [property: Id(1)] DateOnly Day,
    [property: Id(2)] string Anchor,
    [property: Id(3)] DateTimeOffset PublishedAt);

/// <summary>
/// One period in a day's proof archive: its seed and commit, its result (drawn, or recomputed from the
/// seed for a period the server did not run), and what was staked on it, paid and refunded.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ArchivedPeriod(
    [property: Id(0)] string PeriodId,
    [property: Id(1)] string Seed,
    [property: Id(2)] string Commit,
    [property: Id(3)] GameResult Result,
    [property: Id(4)] bool Drawn,
    [property: Id(5)] long Bets,
    [property: Id(6)] Money Staked,
    [property: Id(7)] Money Paid,
    [property: Id(8)] Money Refunded);

/// <summary>
/// A day's money for one game and duration: bets, stakes, payouts and refunds, and the return to player
/// actually paid (paid ÷ stakes not refunded) against the paytable's (SPEC §2) for the same bets.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record DayTotals(
    [property: Id(0)] long Bets,
    [property: Id(1)] Money Staked,
    [property: Id(2)] Money Paid,
    [property: Id(3)] Money Refunded,
    [property: Id(4)] decimal? ActualRtp,
    [property: Id(5)] decimal? TheoreticalRtp);

/// <summary>
/// A day's proof archive (SPEC §3, §7): the anchor published ahead; once the day is over, the secret,
/// every period's seed and result, and the day's totals. Before then, the anchor alone.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record DayArchive(
    [property: Id(0)] GameKey Game,
    [property: Id(1)] DateOnly Day,
    [property: Id(2)] string Anchor,
    [property: Id(3)] DateTimeOffset PublishedAt,
    [property: Id(4)] bool Complete,
    [property: Id(5)] string? Secret,
    [property: Id(6)] IReadOnlyList<ArchivedPeriod> Periods,
    [property: Id(7)] DayTotals Totals);

/// <summary>
/// Makes the days' seed chains ahead of time (SPEC §3 rule 5): every game and duration, for today and
/// the two days after, so each anchor is out at least 24 hours before its day. A reminder runs it every
/// hour; a chain once made is never remade. Key: <see cref="Key"/>.
/// </summary>
public interface ISeedChainCalendarGrain : IGrainWithStringKey
{
    public const string Key = "seed-chains";

    /// <summary>Makes the missing chains of every game for the days <paramref name="from"/> to <paramref name="to"/>; returns how many it made.</summary>
    Task<int> EnsureChains(DateOnly from, DateOnly to);

    /// <summary>Makes the missing chains of today and the two days after, by the game clock.</summary>
    Task<int> EnsureAhead();
}

/// <summary>The public proof archive, read from the journal. Stateless; key 0.</summary>
public interface IFairnessArchiveGrain : IGrainWithIntegerKey
{
    /// <summary>The anchors of the days <paramref name="from"/> to <paramref name="to"/>, of every game that has one.</summary>
    Task<IReadOnlyList<DayAnchor>> Anchors(DateOnly from, DateOnly to);

    /// <summary>A day's archive; <see cref="ErrorKind.NotFound"/> when the day has no chain.</summary>
    Task<DayArchive> Day(GameKey game, DateOnly day);
}
