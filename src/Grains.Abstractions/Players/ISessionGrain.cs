namespace GameServer.Players;

/// <summary>
/// A refresh token as the client receives it, once: <c>{session id}.{secret}</c> (32 hex digits, a dot,
/// 43 base64url characters), the player it is bound to and when it expires.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record IssuedRefreshToken(
    [property: Id(0)] string Token,
    [property: Id(1)] long UserId,
    [property: Id(2)] DateTimeOffset ExpiresAt);

/// <summary>
/// One signed-in session: the family of refresh tokens that descend from one login (SPEC §4). Each
/// token is used once and exchanged for the next (rotation); presenting a token already exchanged is
/// taken as theft and ends the session, the thief's copy and the player's alike (OAuth 2.0 Security
/// Best Current Practice, RFC 9700 §4.14.2). Only the SHA-256 of a secret is stored. Key: the session id,
/// random.
/// </summary>
public interface ISessionGrain : IGrainWithGuidKey
{
    /// <summary>Starts the session for <paramref name="userId"/> and returns its first token; a session starts once (<see cref="ErrorKind.Conflict"/> after).</summary>
    Task<IssuedRefreshToken> Start(long userId);

    /// <summary>
    /// Exchanges the session's current secret for the next token. An exchanged secret, an unknown one,
    /// or a session ended or expired is <see cref="ErrorKind.Unauthorized"/>; an exchanged one also ends the session.
    /// </summary>
    Task<IssuedRefreshToken> Rotate(string secret);

    /// <summary>Ends the session when <paramref name="secret"/> is one of its tokens (current or exchanged); otherwise changes nothing. Idempotent.</summary>
    Task End(string secret);

    /// <summary>Ends the session whatever token the caller holds: staff suspending the player (SPEC §4). Idempotent.</summary>
    Task Revoke();
}
