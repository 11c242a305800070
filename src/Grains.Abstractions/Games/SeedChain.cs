using System.Security.Cryptography;

namespace GameServer.Games;

/// <summary>
/// A day's seeds of one game and duration, fixed before the day starts (SPEC §3 rule 5). From a random
/// 32-byte secret: the seed of the day's last period n is SHA-256(secret), the seed of period k is
/// SHA-256(seed of period k + 1). So the commit of period k, SHA-256 of its seed, is the seed of period
/// k − 1, and the day's <see cref="Anchor"/>, SHA-256 of the first seed, fixes every result of the day:
/// published a day ahead, it shows that no result was chosen after the bets were known.
/// </summary>
public sealed class SeedChain
{
    private readonly byte[][] seeds;

    private SeedChain(byte[][] seeds, byte[] anchor)
    {
        this.seeds = seeds;
        this.anchor = anchor;
    }

    /// <summary>
    /// How long before its day starts a chain's anchor is published (SPEC §3 rule 5). A chain made later
    /// is "late": games refuse it unless the operator accepts late chains, and the archive says so.
    /// </summary>
    public static readonly TimeSpan PublishedAhead = TimeSpan.FromHours(24);

    private readonly byte[] anchor;

    /// <summary>SHA-256 of the seed of period 1; also the commit of period 1. A copy: the chain itself never changes.</summary>
    public byte[] Anchor => (byte[])anchor.Clone();

    public int Periods => seeds.Length;

    /// <summary>Builds the chain of <paramref name="periods"/> seeds from the day's secret.</summary>
    public static SeedChain FromSecret(ReadOnlySpan<byte> secret, int periods)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(periods, 1);
        var seeds = new byte[periods][];
        seeds[periods - 1] = SHA256.HashData(secret);
        for (var k = periods - 2; k >= 0; k--)
        {
            seeds[k] = SHA256.HashData(seeds[k + 1]);
        }

        return new SeedChain(seeds, SHA256.HashData(seeds[0]));
    }

    /// <summary>The chain of a game's day: one seed per period of the day (SPEC §2 schedule).</summary>
    public static SeedChain ForDay(GameKey game, ReadOnlySpan<byte> secret) => FromSecret(secret, checked((int)Schedule.PeriodsPerDay(game)));

    /// <summary>A fresh secret for a day not yet begun.</summary>
    public static byte[] NewSecret() => RandomNumberGenerator.GetBytes(FairDraw.SeedBytes);

    /// <summary>The UTC midnight a day starts at.</summary>
    public static DateTimeOffset DayStart(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>Whether a chain published at <paramref name="publishedAt"/> was out <see cref="PublishedAhead"/> before <paramref name="day"/> began.</summary>
    public static bool PublishedInTime(DateOnly day, DateTimeOffset publishedAt) => publishedAt <= DayStart(day) - PublishedAhead;

    /// <summary>The seed of period <paramref name="index"/> (1-based, as in the period id); a copy.</summary>
    public byte[] SeedOf(long index) =>
        index >= 1 && index <= seeds.Length ? (byte[])seeds[index - 1].Clone() : throw new ArgumentOutOfRangeException(nameof(index), $"Period {index} is not one of 1 to {seeds.Length}.");

    /// <summary>
    /// Checks a run of consecutive seeds from period <paramref name="firstIndex"/> on against the
    /// published anchor: each seed hashes to the one before it, and the first of the day to the anchor.
    /// A run that starts later in the day needs <paramref name="seedBeforeFirst"/> (the commit of its
    /// first period) to check its first link. Returns the index of the first seed that fails, or null
    /// when all hold. Throws <see cref="ArgumentException"/> when a later run has no seed before it.
    /// </summary>
    public static long? FirstBreak(ReadOnlySpan<byte> anchor, long firstIndex, IReadOnlyList<byte[]> consecutiveSeeds, byte[]? seedBeforeFirst = null)
    {
        var previous = firstIndex == 1 ? anchor.ToArray()
            : seedBeforeFirst ?? throw new ArgumentException("A run that does not start at period 1 needs the seed before it.", nameof(seedBeforeFirst));
        for (var i = 0; i < consecutiveSeeds.Count; i++)
        {
            if (!SHA256.HashData(consecutiveSeeds[i]).AsSpan().SequenceEqual(previous))
            {
                return firstIndex + i;
            }

            previous = consecutiveSeeds[i];
        }

        return null;
    }
}
