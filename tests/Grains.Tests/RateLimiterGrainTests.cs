using GameServer.Limits;
using GameServer.Testing;

namespace GameServer.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class RateLimiterGrainTests(GameClusterFixture fixture)
{
    [Fact]
    public async Task Permits_beyond_the_limit_are_refused_until_the_window_slides_past_them()
    {
        var limiter = fixture.Client.GetGrain<IRateLimiterGrain>(RateLimitKeys.For("test", Guid.NewGuid().ToString("N")));
        var window = TimeSpan.FromMinutes(1);

        for (var i = 0; i < 5; i++)
        {
            Assert.True((await limiter.TryAcquire(5, window)).Allowed);
        }

        var refused = await limiter.TryAcquire(5, window);
        Assert.False(refused.Allowed);
        Assert.InRange(refused.RetryAfter, TimeSpan.FromSeconds(1), window + TimeSpan.FromSeconds(6));

        fixture.Clock.Advance(refused.RetryAfter);
        Assert.True((await limiter.TryAcquire(5, window)).Allowed);
    }

    [Fact]
    public async Task Partitions_do_not_share_permits()
    {
        var first = fixture.Client.GetGrain<IRateLimiterGrain>(RateLimitKeys.For("test", Guid.NewGuid().ToString("N")));
        var second = fixture.Client.GetGrain<IRateLimiterGrain>(RateLimitKeys.For("test", Guid.NewGuid().ToString("N")));

        Assert.True((await first.TryAcquire(1, TimeSpan.FromMinutes(1))).Allowed);
        Assert.False((await first.TryAcquire(1, TimeSpan.FromMinutes(1))).Allowed);
        Assert.True((await second.TryAcquire(1, TimeSpan.FromMinutes(1))).Allowed);
    }
}
