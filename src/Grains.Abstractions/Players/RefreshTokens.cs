using System.Globalization;

namespace GameServer.Players;

/// <summary>The wire form of a refresh token, <c>{session id, 32 hex digits}.{secret}</c>: the id routes it to its session.</summary>
public static class RefreshTokens
{
    /// <summary>Longest token accepted; a real one is 76 characters.</summary>
    public const int MaxLength = 128;

    public static string Format(Guid sessionId, string secret) => string.Create(CultureInfo.InvariantCulture, $"{sessionId:N}.{secret}");

    /// <summary>Splits a token into its session id and secret; false for anything not of that shape.</summary>
    public static bool TryParse(string? token, out Guid sessionId, out string secret)
    {
        sessionId = Guid.Empty;
        secret = "";
        if (string.IsNullOrEmpty(token) || token.Length > MaxLength)
        {
            return false;
        }

        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot != 32 || !Guid.TryParseExact(token.AsSpan(0, dot), "N", out sessionId) || dot + 1 >= token.Length)
        {
            return false;
        }

        secret = token[(dot + 1)..];
        return secret.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
    }
}
