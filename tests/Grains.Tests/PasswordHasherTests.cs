using GameServer.Grains.Players;
using Microsoft.Extensions.Options;

namespace GameServer.Grains.Tests;

/// <summary>The bounded hashing pool: a hash that cannot start in time is refused, never queued without end.</summary>
public sealed class PasswordHasherTests
{
    private static PasswordHasher Pool(int queued, TimeSpan wait) => new(Options.Create(new PasswordHashingOptions
    {
        // Slow enough that the first hash still holds the only slot when the second asks.
        MemoryKiB = 64 * 1024,
        Iterations = 4,
        MaxConcurrentHashes = 1,
        MaxQueuedHashes = queued,
        MaxQueueWait = wait,
    }));

    [Fact]
    public async Task With_the_only_slot_taken_and_no_queue_a_hash_is_refused_as_unavailable_and_the_first_completes()
    {
        using var hasher = Pool(queued: 0, wait: TimeSpan.FromSeconds(10));

        var first = hasher.HashAsync("first password");
        var refused = await Assert.ThrowsAsync<GameServerException>(() => hasher.HashAsync("second password"));

        Assert.Equal(ErrorKind.Unavailable, refused.Kind);
        Assert.Equal(PasswordHasher.Busy, refused.Message);
        Assert.True(await hasher.VerifyAsync("first password", await first));
    }

    [Fact]
    public async Task A_queued_hash_that_waits_past_its_allowance_is_refused_and_a_later_one_runs()
    {
        using var hasher = Pool(queued: 4, wait: TimeSpan.FromMilliseconds(1));

        var first = hasher.HashAsync("first password");
        var refused = await Assert.ThrowsAsync<GameServerException>(() => hasher.VerifyAsync("first password", "$argon2id$v=19$m=1024,t=1,p=1$AAAA$AAAA"));
        var encoded = await first;

        Assert.Equal(ErrorKind.Unavailable, refused.Kind);
        Assert.False(await hasher.VerifyAsync("another password", encoded));
    }
}
