using GameServer.Players;

namespace GameServer.Grains.Players;

[GenerateSerializer]
public sealed class InviteCodeIndexState
{
    [Id(0)] public long? UserId { get; set; }
}

public sealed class InviteCodeIndexGrain([PersistentState("invite-index")] IPersistentState<InviteCodeIndexState> state)
    : Grain, IInviteCodeIndexGrain
{
    public async Task<bool> TryClaim(long userId)
    {
        if (state.State.UserId is { } owner)
        {
            return owner == userId;
        }

        state.State.UserId = userId;
        await state.WriteStateAsync();
        return true;
    }

    public Task<long?> FindUserId() => Task.FromResult(state.State.UserId);
}
