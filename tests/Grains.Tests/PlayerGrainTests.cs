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

    [Fact]
    public async Task A_login_for_a_number_without_an_account_is_the_same_refusal_as_a_wrong_password()
    {
        var phone = PhoneNumberRules.Canonical(ApiClientExtensions.NewPhoneNumber());
        var registered = PhoneNumberRules.Canonical(ApiClientExtensions.NewPhoneNumber());
        await fixture.Client.GetGrain<IPhoneIndexGrain>(PlayerKeys.Phone(registered)).Register(new NewUser(registered, "the-right-password", null));

        var unknown = await Assert.ThrowsAsync<GameServerException>(() => fixture.Client.GetGrain<IPhoneIndexGrain>(PlayerKeys.Phone(phone)).Login("the-right-password"));
        var wrong = await Assert.ThrowsAsync<GameServerException>(() => fixture.Client.GetGrain<IPhoneIndexGrain>(PlayerKeys.Phone(registered)).Login("a-wrong-password"));

        Assert.Equal((ErrorKind.Unauthorized, wrong.Message), (unknown.Kind, unknown.Message));
        Assert.Null(await fixture.Client.GetGrain<IPhoneIndexGrain>(PlayerKeys.Phone(phone)).FindUserId());
    }

    [Theory]
    [InlineData("9876543210")]
    [InlineData("+91 98765 43210")]
    public async Task The_phone_index_refuses_a_number_that_is_not_in_E164_under_its_own_key(string written)
    {
        var refused = await Assert.ThrowsAsync<GameServerException>(() =>
            fixture.Client.GetGrain<IPhoneIndexGrain>(PlayerKeys.Phone(written)).Register(new NewUser(written, "long-enough-password", null)));

        Assert.Equal(ErrorKind.Invalid, refused.Kind);
    }
}
