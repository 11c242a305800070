using GameServer.Limits;

namespace GameServer.Grains.Limits;

/// <summary>
/// Sliding-window counter: the window is cut into segments and a permit expires a full window after
/// the end of its segment, which bounds memory per partition and errs on the strict side by at most
/// one segment. Counts live in memory only: losing them on a silo failure briefly forgives a caller,
/// never blocks one.
/// </summary>
public sealed class RateLimiterGrain(GameClock clock) : Grain, IRateLimiterGrain
{
    private const int SegmentsPerWindow = 10;

    private readonly List<Segment> segments = [];
    private int taken;

    public Task<RateLimitDecision> TryAcquire(int permitLimit, TimeSpan window)
    {
        var now = clock.GetUtcNow();
        var segmentLength = TimeSpan.FromTicks(Math.Max(window.Ticks / SegmentsPerWindow, 1));

        while (segments.Count > 0 && ExpiresAt(segments[0], segmentLength, window) <= now)
        {
            taken -= segments[0].Count;
            segments.RemoveAt(0);
        }

        if (taken >= permitLimit)
        {
            var retryAfter = ExpiresAt(segments[0], segmentLength, window) - now;
            return Task.FromResult(new RateLimitDecision(false, 0, retryAfter));
        }

        var segmentStart = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % segmentLength.Ticks), TimeSpan.Zero);
        if (segments.Count > 0 && segments[^1].Start == segmentStart)
        {
            segments[^1].Count++;
        }
        else
        {
            segments.Add(new Segment(segmentStart) { Count = 1 });
        }

        taken++;
        return Task.FromResult(new RateLimitDecision(true, permitLimit - taken, TimeSpan.Zero));
    }

    private static DateTimeOffset ExpiresAt(Segment segment, TimeSpan segmentLength, TimeSpan window) =>
        segment.Start + segmentLength + window;

    private sealed class Segment(DateTimeOffset start)
    {
        public DateTimeOffset Start { get; } = start;
        public int Count { get; set; }
    }
}
