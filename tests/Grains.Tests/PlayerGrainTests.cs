using GameServer.Players;
using GameServer.Testing;

namespace GameServer.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class PlayerGrainTests(GameClusterFixture fixture)
{
    [Fact]
    public async Task User_ids_are_unique_under_concurrent_allocation_from_both_silos()
    {
        var sequence = fixture.Client.GetGrain<IUserIdSequenceGrain>(PlayerKeys.UserIdSequence);

        var ids = await Task.WhenAll(Enumerable.Range(0, 500).Select(_ => sequence.Allocate()));

        Assert.Equal(ids.Length, ids.Distinct().Count());
    }

    [Fact]
    public async Task Six_level_upline_is_recorded_and_capped()
    {
        var chain = new List<UserProfile>();
        string? invite = null;
        for (var level = 0; level < 8; level++)
        {
            var phone = PhoneNumberRules.Canonical(ApiClientExtensions.NewPhoneNumber());
            var user = await fixture.Client.GetGrain<IPhoneIndexGrain>(PlayerKeys.Phone(phone)).Register(new NewUser(phone, "long-enough-password", invite));
            chain.Add(user);
            invite = user.InviteCode;
        }

        var newest = chain[^1];
        Assert.Equal(6, newest.Upline.Count);
        Assert.Equal(chain.AsEnumerable().Reverse().Skip(1).Take(6).Select(u => u.UserId), newest.Upline);
    }

    [Fact]
    public async Task Password_hash_verifies_only_the_right_password()
    {
        var phone = PhoneNumberRules.Canonical(ApiClientExtensions.NewPhoneNumber());
        var user = await fixture.Client.GetGrain<IPhoneIndexGrain>(PlayerKeys.Phone(phone)).Register(new NewUser(phone, "the-right-password", null));
        var grain = fixture.Client.GetGrain<IUserGrain>(user.UserId);

        var error = await Assert.ThrowsAsync<GameServerException>(() => grain.Login("the-wrong-password"));
        Assert.Equal(ErrorKind.Unauthorized, error.Kind);
        Assert.NotNull((await grain.Login("the-right-password")).LastLoginAt);
    }
}
