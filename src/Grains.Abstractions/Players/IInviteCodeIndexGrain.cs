namespace GameServer.Players;

/// <summary>The unique invite code → user id lookup. Key: <see cref="PlayerKeys.InviteCode"/>.</summary>
public interface IInviteCodeIndexGrain : IGrainWithStringKey
{
    /// <summary>Claims the code for a user; false if another user holds it.</summary>
    Task<bool> TryClaim(long userId);

    Task<long?> FindUserId();
}
