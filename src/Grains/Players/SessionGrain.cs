using System.Security.Cryptography;
using System.Text;
using GameServer.Players;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GameServer.Grains.Players;

[GenerateSerializer]
public sealed class SessionState
{
    [Id(0)] public long UserId { get; set; }
    [Id(1)] public byte[]? CurrentSecretHash { get; set; }
    [Id(2)] public List<byte[]> ExchangedSecretHashes { get; set; } = [];
    [Id(3)] public DateTimeOffset StartedAt { get; set; }
    [Id(4)] public DateTimeOffset ExpiresAt { get; set; }
}

/// <summary>
/// One session's refresh tokens (<see cref="ISessionGrain"/>). The secrets are 256 random bits, so a fast
/// hash (SHA-256) is enough to store them: there is nothing to guess (OWASP Session Management Cheat Sheet).
/// </summary>
public sealed partial class SessionGrain(
    [PersistentState("session")] IPersistentState<SessionState> state,
    GameClock clock,
    IOptions<SessionOptions> options,
    ILogger<SessionGrain> logger) : Grain, ISessionGrain
{
    private const int SecretBytes = 32;
    private const string Unknown = "The session has ended or the refresh token is not valid; please log in again.";

    public async Task<IssuedRefreshToken> Start(long userId)
    {
        if (state.State.CurrentSecretHash is not null)
        {
            throw GameServerException.Conflict("This session has already started.");
        }

        state.State.UserId = userId;
        state.State.StartedAt = clock.GetUtcNow();
        var issued = await Issue();
        // After the session is stored: an index entry without its session would only be dropped when listed.
        await GrainFactory.GetGrain<IPlayerSessionsGrain>(userId)
            .Started(new PlayerSession(this.GetPrimaryKey(), state.State.StartedAt, state.State.StartedAt + options.Value.AbsoluteLifetime));
        return issued;
    }

    public async Task<IssuedRefreshToken> Rotate(string secret)
    {
        var session = state.State;
        var presented = Hash(secret);
        if (session.CurrentSecretHash is null)
        {
            throw GameServerException.Unauthorized(Unknown);
        }

        if (session.ExchangedSecretHashes.Any(exchanged => CryptographicOperations.FixedTimeEquals(exchanged, presented)))
        {
            LogReuse(logger, this.GetPrimaryKey(), session.UserId);
            await EndSession();
            throw GameServerException.Unauthorized(Unknown);
        }

        if (!CryptographicOperations.FixedTimeEquals(session.CurrentSecretHash, presented))
        {
            throw GameServerException.Unauthorized(Unknown);
        }

        var now = clock.GetUtcNow();
        if (session.ExpiresAt <= now || session.StartedAt + options.Value.AbsoluteLifetime <= now)
        {
            await EndSession();
            throw GameServerException.Unauthorized(Unknown);
        }

        var exchanged = session.ExchangedSecretHashes.ToList();
        session.ExchangedSecretHashes.Add(session.CurrentSecretHash);
        if (session.ExchangedSecretHashes.Count > options.Value.ExchangedSecretsRemembered)
        {
            session.ExchangedSecretHashes.RemoveAt(0);
        }

        try
        {
            return await Issue();
        }
        catch
        {
            // Not stored: the token the client still holds stays the current one, so its retry is not taken for a reuse.
            session.CurrentSecretHash = presented;
            session.ExchangedSecretHashes = exchanged;
            throw;
        }
    }

    public async Task End(string secret)
    {
        var session = state.State;
        var presented = Hash(secret);
        var known = (session.CurrentSecretHash is { } current && CryptographicOperations.FixedTimeEquals(current, presented))
            || session.ExchangedSecretHashes.Any(exchanged => CryptographicOperations.FixedTimeEquals(exchanged, presented));
        if (known)
        {
            await EndSession();
        }
    }

    public async Task Revoke()
    {
        if (state.State.CurrentSecretHash is not null)
        {
            // The player's session index asks, and forgets the session itself: no call back to it.
            await state.ClearStateAsync();
        }
    }

    private async Task<IssuedRefreshToken> Issue()
    {
        var secretBytes = RandomNumberGenerator.GetBytes(SecretBytes);
        var secret = System.Buffers.Text.Base64Url.EncodeToString(secretBytes);
        var expiresAt = state.State.ExpiresAt;
        state.State.CurrentSecretHash = Hash(secret);
        state.State.ExpiresAt = clock.GetUtcNow() + options.Value.RefreshTokenLifetime;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.ExpiresAt = expiresAt;
            throw;
        }

        return new IssuedRefreshToken(RefreshTokens.Format(this.GetPrimaryKey(), secret), state.State.UserId, state.State.ExpiresAt);
    }

    /// <summary>Nothing of an ended session is kept: its stored row goes, and with no current secret every token of it is refused.</summary>
    private async Task EndSession()
    {
        var userId = state.State.UserId;
        await state.ClearStateAsync();
        await GrainFactory.GetGrain<IPlayerSessionsGrain>(userId).Ended(this.GetPrimaryKey());
    }

    private static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {SessionId} of player {UserId}: an exchanged refresh token came back; the session is ended")]
    private static partial void LogReuse(ILogger logger, Guid sessionId, long userId);
}
