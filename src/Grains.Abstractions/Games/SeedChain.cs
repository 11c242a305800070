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
        Anchor = anchor;
    }

    /// <summary>SHA-256 of the seed of period 1; also the commit of period 1.</summary>
    public byte[] Anchor { get; }

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

    /// <summary>The seed of period <paramref name="index"/> (1-based, as in the period id).</summary>
    public byte[] SeedOf(long index) =>
        index >= 1 && index <= seeds.Length ? seeds[index - 1] : throw new ArgumentOutOfRangeException(nameof(index), $"Period {index} is not one of 1 to {seeds.Length}.");

    /// <summary>
    /// Checks a run of consecutive seeds from period <paramref name="firstIndex"/> on against the
    /// published anchor: each seed hashes to the one before it, and the first of the day to the anchor.
    /// Returns the index of the first seed that fails, or null when all hold.
    /// </summary>
    public static long? FirstBreak(ReadOnlySpan<byte> anchor, long firstIndex, IReadOnlyList<byte[]> consecutiveSeeds, byte[]? seedBeforeFirst = null)
    {
        var previous = firstIndex == 1 ? anchor.ToArray() : seedBeforeFirst;
        for (var i = 0; i < consecutiveSeeds.Count; i++)
        {
            if (previous is not null && !SHA256.HashData(consecutiveSeeds[i]).AsSpan().SequenceEqual(previous))
            {
                return firstIndex + i;
            }

            previous = consecutiveSeeds[i];
        }

        return null;
    }
}
