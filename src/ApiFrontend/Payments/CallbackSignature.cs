using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace GameServer.ApiFrontend.Payments;

/// <summary>
/// <c>X-Signature: t={unix seconds},v1={hex HMAC-SHA256(secret, t + "." + raw body)}</c>, as gateways
/// sign their callbacks (SPEC §5). The MAC covers the exact bytes received, before any decoding: a
/// byte-order mark or a byte that is not UTF-8 is part of what the gateway signed.
/// </summary>
public static class CallbackSignature
{
    public const string Header = "X-Signature";

    public static string Sign(string secret, long unixSeconds, ReadOnlySpan<byte> rawBody)
    {
        var timestamp = unixSeconds.ToString(CultureInfo.InvariantCulture);
        return $"t={timestamp},v1={Convert.ToHexStringLower(Mac(secret, timestamp, rawBody))}";
    }

    /// <summary>Signs the UTF-8 bytes of <paramref name="body"/>.</summary>
    public static string Sign(string secret, long unixSeconds, string body) => Sign(secret, unixSeconds, Encoding.UTF8.GetBytes(body));

    /// <summary>True when the header is well formed, fresh within the tolerance (past or future) and signs these bytes.</summary>
    public static bool IsValid(string secret, string? header, ReadOnlySpan<byte> rawBody, DateTimeOffset now, TimeSpan tolerance)
    {
        if (string.IsNullOrEmpty(header))
        {
            return false;
        }

        string? timestamp = null, given = null;
        foreach (var part in header.Split(','))
        {
            var pair = part.Trim().Split('=', 2);
            if (pair.Length != 2)
            {
                return false;
            }

            switch (pair[0])
            {
                case "t": timestamp = pair[1]; break;
                case "v1": given = pair[1]; break;
            }
        }

        if (timestamp is null || given is null || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }

        var age = now - DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, 253402300799));
        if (age.Duration() > tolerance)
        {
            return false;
        }

        byte[] claimed;
        try
        {
            claimed = Convert.FromHexString(given);
        }
        catch (FormatException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Mac(secret, timestamp, rawBody), claimed);
    }

    private static byte[] Mac(string secret, string timestamp, ReadOnlySpan<byte> rawBody)
    {
        var prefix = Encoding.ASCII.GetBytes($"{timestamp}.");
        var message = new byte[prefix.Length + rawBody.Length];
        prefix.CopyTo(message, 0);
        rawBody.CopyTo(message.AsSpan(prefix.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message);
    }
}
