using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace GameServer.ApiFrontend.Payments;

/// <summary>
/// <c>X-Signature: t={unix seconds},v1={hex HMAC-SHA256(secret, t + "." + raw body)}</c>, as gateways
/// sign their callbacks (SPEC §5).
/// </summary>
public static class CallbackSignature
{
    public const string Header = "X-Signature";

    public static string Sign(string secret, long unixSeconds, string rawBody)
    {
        var timestamp = unixSeconds.ToString(CultureInfo.InvariantCulture);
        return $"t={timestamp},v1={Mac(secret, timestamp, rawBody)}";
    }

    /// <summary>True when the header is well formed, fresh within the tolerance and signs this body.</summary>
    public static bool IsValid(string secret, string? header, string rawBody, DateTimeOffset now, TimeSpan tolerance)
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

        var expected = Encoding.ASCII.GetBytes(Mac(secret, timestamp, rawBody));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(given.ToLowerInvariant()));
    }

    private static string Mac(string secret, string timestamp, string rawBody) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{rawBody}")));
}
