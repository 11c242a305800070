using GameServer.Wallet;

namespace GameServer.Games;

/// <summary>
/// A day's anchor of one game and duration (hex SHA-256 of its first seed) and when it was published.
/// <see cref="Late"/> when it was out less than <see cref="SeedChain.PublishedAhead"/> before the day.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record DayAnchor(
    [property: Id(0)] GameKey Game,
    [property: Id(1)] DateOnly Day,
    [property: Id(2)] string Anchor,
    [property: Id(3)] DateTimeOffset PublishedAt)
{
    public bool Late => !SeedChain.PublishedInTime(Day, PublishedAt);
}

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
/// A day's money for one game and duration: bets, stakes, payouts and refunds, the bets still waiting
/// for their outcome, and once none is, the return to player actually paid (paid ÷ stakes not refunded)
/// against the paytable's (SPEC §2) for the same bets. Both RTPs are null until the day is settled.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record DayTotals(
    [property: Id(0)] long Bets,
    [property: Id(1)] Money Staked,
    [property: Id(2)] Money Paid,
    [property: Id(3)] Money Refunded,
    [property: Id(4)] long Unsettled,
    [property: Id(5)] decimal? ActualRtp,
    [property: Id(6)] decimal? TheoreticalRtp)
{
    public static DayTotals None { get; } = new(0, Money.Zero, Money.Zero, Money.Zero, 0, null, null);
}

/// <summary>
/// A day's proof archive (SPEC §3, §7). Before the day is <see cref="Complete"/> (its last period drawn,
/// or the game gone on to a later day), the anchor alone; then the secret and every period's seed and
/// result; once <see cref="Settled"/> (no bet waiting for its outcome), final totals, which never change
/// again, named by <see cref="Version"/> (an entity tag).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record DayArchive(
    [property: Id(0)] GameKey Game,
    [property: Id(1)] DateOnly Day,
    [property: Id(2)] string Anchor,
    [property: Id(3)] DateTimeOffset PublishedAt,
    [property: Id(4)] bool Complete,
    [property: Id(5)] bool Settled,
    [property: Id(6)] string? Secret,
    [property: Id(7)] IReadOnlyList<ArchivedPeriod> Periods,
    [property: Id(8)] DayTotals Totals,
    [property: Id(9)] string? Version)
{
    /// <summary>The anchor was out less than <see cref="SeedChain.PublishedAhead"/> before the day began.</summary>
    public bool Late => !SeedChain.PublishedInTime(Day, PublishedAt);
}
