using System.Security.Cryptography;

namespace GameServer.Grains.Sealing;

/// <summary>
/// The AES-256-GCM layout (NIST SP 800-38D) every value sealed at rest shares: a caller's header (version,
/// key id), a random 96-bit nonce, the 128-bit tag, then the ciphertext, as long as the plaintext. A fresh
/// random nonce per value is safe for far more values than one key will ever seal here (SP 800-38D §8.3:
/// 2^32 per key). Which key, what header and what associated data are each sealer's business.
/// </summary>
internal static class AesGcmEnvelope
{
    public const int KeyBytes = 32;
    public const int NonceBytes = 12;
    public const int TagBytes = 16;

    /// <summary>Bytes an envelope adds to its plaintext, the header aside.</summary>
    public const int Overhead = NonceBytes + TagBytes;

    /// <summary><paramref name="header"/>, nonce, tag, ciphertext; the header is stored as is, authenticated only if the caller puts it in <paramref name="associatedData"/>.</summary>
    public static byte[] Seal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> header, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        var sealedValue = new byte[header.Length + Overhead + plaintext.Length];
        header.CopyTo(sealedValue);
        var nonce = sealedValue.AsSpan(header.Length, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagBytes);
        aes.Encrypt(nonce, plaintext, sealedValue.AsSpan(header.Length + Overhead), sealedValue.AsSpan(header.Length + NonceBytes, TagBytes), associatedData);
        return sealedValue;
    }

    /// <summary>
    /// The plaintext of an envelope whose header is <paramref name="headerLength"/> bytes; throws
    /// <see cref="CryptographicException"/> for a wrong key, wrong associated data, a changed byte or too few bytes.
    /// </summary>
    public static byte[] Open(ReadOnlySpan<byte> key, int headerLength, ReadOnlySpan<byte> sealedValue, ReadOnlySpan<byte> associatedData)
    {
        if (sealedValue.Length < headerLength + Overhead)
        {
            throw new CryptographicException($"A sealed value is at least {headerLength + Overhead} bytes; this one is {sealedValue.Length}.");
        }

        var plaintext = new byte[sealedValue.Length - headerLength - Overhead];
        using var aes = new AesGcm(key, TagBytes);
        aes.Decrypt(sealedValue.Slice(headerLength, NonceBytes), sealedValue[(headerLength + Overhead)..], sealedValue.Slice(headerLength + NonceBytes, TagBytes), plaintext, associatedData);
        return plaintext;
    }

    /// <summary>The key a setting holds: 32 bytes of base64, or null for anything else (none, bad base64, another length).</summary>
    public static byte[]? KeyFromBase64(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text.Trim(), buffer, out var written) && written == KeyBytes ? buffer[..written] : null;
    }
}
