namespace GameServer.Players;

/// <summary>One signed-in session of a player as staff see it: its id and when it started and ends at the latest (UTC).</summary>
[GenerateSerializer, Immutable]
public sealed record PlayerSession(
    [property: Id(0)] Guid SessionId,
    [property: Id(1)] DateTimeOffset StartedAt,
    [property: Id(2)] DateTimeOffset EndsBy);

/// <summary>
/// The index of a player's live sessions (<see cref="ISessionGrain"/>), so that staff can list them and a
/// suspension can end them all (SPEC §4). Key: user id.
/// </summary>
public interface IPlayerSessionsGrain : IGrainWithIntegerKey
{
    Task Started(PlayerSession session);

    Task Ended(Guid sessionId);

    /// <summary>The sessions not yet ended nor past their absolute lifetime, newest first.</summary>
    Task<IReadOnlyList<PlayerSession>> List();

    /// <summary>Ends every session of the player: their refresh tokens stop working. Returns how many were ended.</summary>
    Task<int> EndAll();
}
