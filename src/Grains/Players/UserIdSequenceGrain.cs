using GameServer.Players;

namespace GameServer.Grains.Players;

[GenerateSerializer]
public sealed class UserIdSequenceState
{
    /// <summary>Every id below this may have been handed out.</summary>
    [Id(0)] public long ReservedUpTo { get; set; }
}

/// <summary>
/// Reserves ids in blocks so that one durable write serves many registrations. A crash skips the
/// rest of a block: ids may have gaps, never repeats.
/// </summary>
public sealed class UserIdSequenceGrain([PersistentState("user-id-sequence")] IPersistentState<UserIdSequenceState> state)
    : Grain, IUserIdSequenceGrain
{
    private const long BlockSize = 100;

    /// <summary>User ids start here, leaving small numbers free for fixtures and never colliding with 0.</summary>
    private const long FirstUserId = 100_001;

    private long next;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        next = Math.Max(state.State.ReservedUpTo, FirstUserId);
        return Task.CompletedTask;
    }

    public async Task<long> Allocate()
    {
        if (next >= state.State.ReservedUpTo)
        {
            state.State.ReservedUpTo = Math.Max(next, FirstUserId) + BlockSize;
            await state.WriteStateAsync();
        }

        return next++;
    }
}
