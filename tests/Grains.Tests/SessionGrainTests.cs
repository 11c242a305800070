using GameServer.Players;
using GameServer.Testing;

namespace GameServer.Grains.Tests;

/// <summary>Refresh-token rotation (SPEC §4) on a cluster whose clock moves, across activations.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SessionGrainTests(GameClusterFixture fixture)
{
    private static string SecretOf(IssuedRefreshToken issued) =>
        RefreshTokens.TryParse(issued.Token, out _, out var secret) ? secret : throw new InvalidOperationException(issued.Token);

    [Fact]
    public async Task A_token_is_bound_to_its_player_and_its_session_and_a_session_starts_once()
    {
        var sessionId = Guid.NewGuid();
        var session = fixture.Client.GetGrain<ISessionGrain>(sessionId);

        var first = await session.Start(userId: 7001);
        var second = await session.Rotate(SecretOf(first));

        Assert.True(RefreshTokens.TryParse(first.Token, out var routed, out _));
        Assert.Equal(sessionId, routed);
        Assert.Equal(7001, second.UserId);
        Assert.Equal(76, first.Token.Length);
        Assert.Equal(ErrorKind.Conflict, (await Assert.ThrowsAsync<GameServerException>(() => session.Start(userId: 7002))).Kind);
    }

    [Fact]
    public async Task Reuse_of_an_exchanged_token_ends_the_session_for_good()
    {
        var session = fixture.Client.GetGrain<ISessionGrain>(Guid.NewGuid());
        var first = await session.Start(userId: 7004);
        var second = await session.Rotate(SecretOf(first));

        await Assert.ThrowsAsync<GameServerException>(() => session.Rotate(SecretOf(first)));
        await fixture.Cluster.DeactivateAsync(session);
        var afterReuse = await Assert.ThrowsAsync<GameServerException>(() => session.Rotate(SecretOf(second)));

        Assert.Equal(ErrorKind.Unauthorized, afterReuse.Kind);
    }

    [Fact]
    public async Task Ending_with_a_token_that_is_not_the_sessions_changes_nothing()
    {
        var session = fixture.Client.GetGrain<ISessionGrain>(Guid.NewGuid());
        var issued = await session.Start(userId: 7005);

        await session.End("not-its-secret");
        var renewed = await session.Rotate(SecretOf(issued));
        await session.End(SecretOf(issued));

        Assert.Equal(7005, renewed.UserId);
        Assert.Equal(ErrorKind.Unauthorized, (await Assert.ThrowsAsync<GameServerException>(() => session.Rotate(SecretOf(renewed)))).Kind);
    }
}

/// <summary>Expiry moves the clock a month: a cluster of its own, so no other test's days move with it.</summary>
public sealed class SessionExpiryTests : IAsyncLifetime
{
    private readonly GameClusterFixture fixture = new();

    public Task InitializeAsync() => fixture.InitializeAsync();

    public Task DisposeAsync() => fixture.DisposeAsync();

    private static string SecretOf(IssuedRefreshToken issued) =>
        RefreshTokens.TryParse(issued.Token, out _, out var secret) ? secret : throw new InvalidOperationException(issued.Token);

    [Fact]
    public async Task A_refresh_token_expires_after_its_lifetime_even_across_a_new_activation()
    {
        var session = fixture.Client.GetGrain<ISessionGrain>(Guid.NewGuid());
        var issued = await session.Start(userId: 7003);

        var fresh = await session.Rotate(SecretOf(issued));
        await fixture.Cluster.DeactivateAsync(session);
        fixture.Clock.Advance(TimeSpan.FromDays(30) + TimeSpan.FromSeconds(1));
        var expired = await Assert.ThrowsAsync<GameServerException>(() => session.Rotate(SecretOf(fresh)));

        Assert.Equal(ErrorKind.Unauthorized, expired.Kind);
    }

    [Fact]
    public async Task A_session_renewed_every_few_weeks_still_ends_at_its_absolute_lifetime()
    {
        var session = fixture.Client.GetGrain<ISessionGrain>(Guid.NewGuid());
        var token = await session.Start(userId: 7006);

        for (var renewal = 0; renewal < 4; renewal++)
        {
            fixture.Clock.Advance(TimeSpan.FromDays(20));
            token = await session.Rotate(SecretOf(token));
        }

        fixture.Clock.Advance(TimeSpan.FromDays(11));
        var ended = await Assert.ThrowsAsync<GameServerException>(() => session.Rotate(SecretOf(token)));

        Assert.Equal(ErrorKind.Unauthorized, ended.Kind);
        Assert.True(token.ExpiresAt > fixture.Clock.GetUtcNow(), "the last token itself had not expired");
    }
}
