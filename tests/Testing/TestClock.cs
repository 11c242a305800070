using Microsoft.Extensions.Time.Testing;

namespace GameServer.Testing;

public static class TestClock
{
    private static readonly TimeSpan Alignment = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How far the test clocks move by themselves on every reading. A clock that never moves makes two
    /// readings inside one call equal, which production never does: a bet once counted only when they
    /// were, and every test passed while the 50-bets limit was broken.
    /// </summary>
    public static readonly TimeSpan AdvancePerReading = TimeSpan.FromMilliseconds(1);

    /// <summary>
    /// One second after the latest ten-minute boundary: every period of every game (30 s to 600 s)
    /// starts on such a boundary, so all of them take bets at this instant.
    /// </summary>
    public static DateTimeOffset AlignedStart()
    {
        var now = DateTimeOffset.UtcNow;
        return new DateTimeOffset(now.UtcTicks - (now.UtcTicks % Alignment.Ticks), TimeSpan.Zero).AddSeconds(1);
    }

    /// <summary>Days of seed chains a test cluster publishes around its start: tests move their clocks days ahead.</summary>
    public static readonly (int Before, int After) SeedChainDays = (1, 40);

    /// <summary>
    /// Publishes the seed chains of every game for the days around <paramref name="start"/>, as the
    /// calendar would have done ahead of time; a game does not open a period without its day's chain.
    /// </summary>
    public static Task PublishSeedChains(IGrainFactory grains, DateTimeOffset start)
    {
        var today = DateOnly.FromDateTime(start.UtcDateTime);
        return grains.GetGrain<Games.ISeedChainCalendarGrain>(Games.ISeedChainCalendarGrain.Key)
            .EnsureChains(today.AddDays(-SeedChainDays.Before), today.AddDays(SeedChainDays.After));
    }

    /// <summary>
    /// A game clock for a test cluster: starts at <see cref="AlignedStart"/>, moves a little on every
    /// reading, and jumps when a test sets or advances it.
    /// </summary>
    public static FakeTimeProvider Moving() => new(AlignedStart()) { AutoAdvanceAmount = AdvancePerReading };
}
