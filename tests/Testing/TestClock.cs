using GameServer.Grains.Journal;
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
    /// Stores the seed chains of every game for the days around <paramref name="start"/>, each published
    /// two days before its day, as the calendar would have done ahead of time: a game does not open a
    /// period without its day's chain published in time. Call it before the silos start, so that the
    /// calendar of a starting silo does not store its own (late) chains for those days first.
    /// </summary>
    public static async Task PublishSeedChains(IJournalStore store, DateTimeOffset start)
    {
        var today = DateOnly.FromDateTime(start.UtcDateTime);
        for (var day = today.AddDays(-SeedChainDays.Before); day <= today.AddDays(SeedChainDays.After); day = day.AddDays(1))
        {
            foreach (var game in Games.GameCatalog.AllKeys())
            {
                await PublishSeedChain(store, game, day);
            }
        }
    }

    /// <summary>Stores one day's chain of one game, published two days before the day; returns its secret.</summary>
    public static async Task<byte[]> PublishSeedChain(IJournalStore store, Games.GameKey game, DateOnly day, DateTimeOffset? publishedAt = null)
    {
        var secret = Games.SeedChain.NewSecret();
        var anchor = Convert.ToHexStringLower(Games.SeedChain.ForDay(game, secret).Anchor);
        var stored = await store.SaveSeedChainAsync(new StoredSeedChain(game, day, secret, anchor, publishedAt ?? Games.SeedChain.DayStart(day).AddDays(-2)));
        return stored.Secret;
    }

    /// <summary>
    /// A game clock for a test cluster: starts at <see cref="AlignedStart"/>, moves a little on every
    /// reading, and jumps when a test sets or advances it.
    /// </summary>
    public static FakeTimeProvider Moving() => Moving(AlignedStart());

    /// <summary>
    /// A moving game clock that starts at <paramref name="start"/>: for clusters whose silos each have a clock
    /// of their own, all made from one <see cref="AlignedStart"/> (the ten-minute boundary can pass between
    /// two calls of it, and their clocks would then start ten minutes apart).
    /// </summary>
    public static FakeTimeProvider Moving(DateTimeOffset start) => new(start) { AutoAdvanceAmount = AdvancePerReading };
}
