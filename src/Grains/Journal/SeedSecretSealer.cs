using System.Security.Cryptography;
using GameServer.Games;
using GameServer.Grains.Games;
using GameServer.Grains.Sealing;

namespace GameServer.Grains.Journal;

/// <summary>
/// Seals a day's seed-chain secret for the database with AES-256-GCM (NIST SP 800-38D): a random 96-bit
/// nonce per secret, the game and day as associated data, so a sealed secret moved to another row does
/// not open. Layout (<see cref="AesGcmEnvelope"/>): version byte 1, nonce (12), tag (16), ciphertext (32) = 61 bytes.
/// One key and no key id: a new key cannot open the chains already stored, and they are remade rather than
/// resealed (migration 0008).
/// </summary>
public sealed class SeedSecretSealer
{
    public const int KeyBytes = AesGcmEnvelope.KeyBytes;
    public const int SealedBytes = 1 + AesGcmEnvelope.Overhead + FairDraw.SeedBytes;

    private const byte Version = 1;

    private readonly byte[] key;

    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="key"/> is 32 bytes.</summary>
    public SeedSecretSealer(byte[] key)
    {
        if (key.Length != KeyBytes)
        {
            throw new ArgumentException($"The seed secret key is {KeyBytes} bytes.", nameof(key));
        }

        this.key = (byte[])key.Clone();
    }

    /// <summary>
    /// The sealer of <see cref="FairnessOptions.SeedSecretKey"/>; throws <see cref="InvalidOperationException"/>
    /// saying how to make one when it is missing or not 32 bytes of base64.
    /// </summary>
    public static SeedSecretSealer FromOptions(FairnessOptions options) =>
        TryFromOptions(options, out var sealer) ? sealer : throw new InvalidOperationException(KeyRequirement);

    /// <summary>What a usable key is, and how to make one; the message of a silo refusing to start without one.</summary>
    public static readonly string KeyRequirement =
        $"{FairnessOptions.Section}:{nameof(FairnessOptions.SeedSecretKey)} must be {KeyBytes} random bytes in base64 (for example from `openssl rand -base64 32`), the same on every silo.";

    /// <summary>The sealer of <see cref="FairnessOptions.SeedSecretKey"/>, when it is 32 bytes of base64.</summary>
    public static bool TryFromOptions(FairnessOptions options, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SeedSecretSealer? sealer)
    {
        var bytes = AesGcmEnvelope.KeyFromBase64(options.SeedSecretKey);
        sealer = bytes is null ? null : new SeedSecretSealer(bytes);
        return sealer is not null;
    }

    public byte[] Seal(GameKey game, DateOnly day, ReadOnlySpan<byte> secret) =>
        AesGcmEnvelope.Seal(key, [Version], secret, AssociatedData(game, day));

    /// <summary>Opens a sealed secret; throws <see cref="CryptographicException"/> for a wrong key, row or a changed byte.</summary>
    public byte[] Open(GameKey game, DateOnly day, ReadOnlySpan<byte> sealedSecret)
    {
        if (sealedSecret.Length <= 1 + AesGcmEnvelope.Overhead || sealedSecret[0] != Version)
        {
            throw new CryptographicException($"The sealed secret of {game} on {day:O} is not in version {Version}'s layout.");
        }

        // The version byte is not in the associated data: the secrets sealed before the envelope was shared did not have it there.
        return AesGcmEnvelope.Open(key, 1, sealedSecret, AssociatedData(game, day));
    }

    private static byte[] AssociatedData(GameKey game, DateOnly day) =>
        System.Text.Encoding.UTF8.GetBytes(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{game}/{day:yyyy-MM-dd}"));
}
