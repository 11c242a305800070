using GameServer.Players;
using Microsoft.Extensions.Options;

namespace GameServer.Grains.Players;

[GenerateSerializer]
public sealed class PlayerSessionsState
{
    [Id(0)] public Dictionary<Guid, PlayerSession> Sessions { get; set; } = [];
}

/// <summary>
/// A player's live sessions (<see cref="IPlayerSessionsGrain"/>): each session grain adds itself when it
/// starts and leaves when it ends; one past its absolute lifetime is dropped when the list is read.
/// </summary>
public sealed class PlayerSessionsGrain(
    [PersistentState("player-sessions")] IPersistentState<PlayerSessionsState> state,
    GameClock clock) : Grain, IPlayerSessionsGrain
{
    public async Task Started(PlayerSession session)
    {
        DropExpired();
        state.State.Sessions[session.SessionId] = session;
        await state.WriteStateAsync();
    }

    public async Task Ended(Guid sessionId)
    {
        if (state.State.Sessions.Remove(sessionId))
        {
            await state.WriteStateAsync();
        }
    }

    public async Task<IReadOnlyList<PlayerSession>> List()
    {
        if (DropExpired())
        {
            await state.WriteStateAsync();
        }

        return state.State.Sessions.Values.OrderByDescending(session => session.StartedAt).ToList();
    }

    public async Task<int> EndAll()
    {
        var sessions = state.State.Sessions.Keys.ToList();
        await Task.WhenAll(sessions.Select(id => GrainFactory.GetGrain<ISessionGrain>(id).Revoke()));
        if (state.State.Sessions.Count > 0)
        {
            state.State.Sessions.Clear();
            await state.WriteStateAsync();
        }

        return sessions.Count;
    }

    private bool DropExpired()
    {
        var now = clock.GetUtcNow();
        var expired = state.State.Sessions.Where(session => session.Value.EndsBy <= now).Select(session => session.Key).ToList();
        expired.ForEach(id => state.State.Sessions.Remove(id));
        return expired.Count > 0;
    }
}
