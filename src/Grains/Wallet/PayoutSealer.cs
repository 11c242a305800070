using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using GameServer.Grains.Sealing;
using GameServer.Wallet;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GameServer.Grains.Wallet;

/// <summary>
/// Seals payout destinations at rest with AES-256-GCM (NIST SP 800-38D) under <c>Wallet:PayoutSealingKey</c>:
/// a saved method in grain state and a withdrawal's copy in the journal, so that a copy of the database or a
/// backup gives no account number, UPI id or address away. Layout, version 1: the version byte, the key id
/// (the first <see cref="KeyIdBytes"/> bytes of SHA-256 of the key), a random 96-bit nonce, the 128-bit tag,
/// then the ciphertext of the destination's JSON (<see cref="PayoutDestinationJson"/>): 33 bytes more than
/// the JSON. The associated data is the header (version and key id) and the value's owner: the player and
/// method id of a saved method, the withdrawal and player id of a withdrawal, so a value copied to another
/// row or player does not open. The key id picks the key to open with among the current one and
/// <c>Wallet:PreviousPayoutSealingKeys</c>, so keys rotate without downtime.
/// </summary>
/// <remarks>
/// A value that does not open (a key missing from the settings, a changed byte, a value moved) is an integrity
/// failure: logged as an error with its owner (never its contents) and refused with
/// <see cref="ErrorKind.OutOfService"/> (503): the request was fine, the server cannot serve it until staff
/// restore the key or the data; no money moves to a destination nobody can read.
/// </remarks>
public sealed partial class PayoutSealer
{
    public const int KeyBytes = AesGcmEnvelope.KeyBytes;
    public const int KeyIdBytes = 4;
    public const byte Version = 1;
    public const int HeaderBytes = 1 + KeyIdBytes;

    /// <summary>The problem member that tells a client this 503 is an unreadable destination, not a busy server.</summary>
    public const string ProblemReason = "payout_destination_unreadable";

    /// <summary>What a usable key is and how to make one; the message of a Production silo refusing to start.</summary>
    public static readonly string KeyRequirement =
        $"{WalletOptions.Section}:{nameof(WalletOptions.PayoutSealingKey)} must be {KeyBytes} random bytes in base64 (for example from `openssl rand -base64 32`), " +
        $"the same on every silo and not the development key; each of {WalletOptions.Section}:{nameof(WalletOptions.PreviousPayoutSealingKeys)}, if any, too.";

    /// <summary>
    /// The Development profile's key when none is configured: fixed and public (like its admin password), so
    /// silos in separate Development processes, which share in-memory grain state, open each other's values.
    /// Production refuses it.
    /// </summary>
    private static readonly byte[] DevelopmentKey = SHA256.HashData("gameserver development payout sealing key, never for real money"u8);

    private readonly Key current;
    private readonly Dictionary<uint, Key> keys = [];
    private readonly ILogger logger;

    /// <summary>
    /// Seals with <paramref name="currentKey"/> and opens with it and <paramref name="previousKeys"/>; each key is
    /// 32 bytes (<see cref="ArgumentException"/> otherwise, or for two different keys with the same key id).
    /// </summary>
    public PayoutSealer(byte[] currentKey, IEnumerable<byte[]>? previousKeys = null, ILogger<PayoutSealer>? logger = null)
    {
        current = Add(currentKey);
        foreach (var previous in previousKeys ?? [])
        {
            Add(previous);
        }

        this.logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>The current key's id in hex, as logs and <c>SUBSTRING(payout_sealed, 2, 4)</c> show it.</summary>
    public string CurrentKeyId => current.IdHex;

    /// <summary>Whether this sealer seals with the public development key.</summary>
    public bool UsesDevelopmentKey => current.Bytes.AsSpan().SequenceEqual(DevelopmentKey);

    /// <summary>
    /// The sealer of <see cref="WalletOptions.PayoutSealingKey"/> and <see cref="WalletOptions.PreviousPayoutSealingKeys"/>
    /// when every one is 32 bytes of base64 and the current one is set.
    /// </summary>
    public static bool TryFromOptions(WalletOptions options, ILogger<PayoutSealer>? logger, [NotNullWhen(true)] out PayoutSealer? sealer)
    {
        sealer = null;
        var previous = options.PreviousPayoutSealingKeys.Select(AesGcmEnvelope.KeyFromBase64).ToList();
        if (AesGcmEnvelope.KeyFromBase64(options.PayoutSealingKey) is not { } key || previous.Any(bytes => bytes is null))
        {
            return false;
        }

        try
        {
            sealer = new PayoutSealer(key, previous!, logger);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Whether the options make a sealer Production accepts: <see cref="TryFromOptions"/> and not the development key.</summary>
    public static bool IsUsableInProduction(WalletOptions options) =>
        TryFromOptions(options, null, out var sealer) && !sealer.UsesDevelopmentKey;

    /// <summary>The sealer of the options; <see cref="InvalidOperationException"/> with <see cref="KeyRequirement"/> when they make none.</summary>
    public static PayoutSealer FromOptions(WalletOptions options, ILogger<PayoutSealer>? logger = null) =>
        TryFromOptions(options, logger, out var sealer) ? sealer : throw new InvalidOperationException(KeyRequirement);

    /// <summary>The Development profile's sealer: the configured keys when a current one is set, the development key otherwise.</summary>
    public static PayoutSealer ForDevelopment(WalletOptions options, ILogger<PayoutSealer>? logger = null) =>
        string.IsNullOrWhiteSpace(options.PayoutSealingKey)
            ? new PayoutSealer(DevelopmentKey, options.PreviousPayoutSealingKeys.Select(text => AesGcmEnvelope.KeyFromBase64(text) ?? throw new InvalidOperationException(KeyRequirement)), logger)
            : FromOptions(options, logger);

    /// <summary>A saved method's destination sealed for its player and method id.</summary>
    public byte[] SealMethod(long userId, string methodId, PayoutDestination destination) => Seal(destination, MethodOwner(userId, methodId));

    /// <summary>
    /// A saved method's destination; a value that does not open is logged and refused with
    /// <see cref="ErrorKind.OutOfService"/> (<see cref="Unreadable"/>).
    /// </summary>
    public PayoutDestination OpenMethod(long userId, string methodId, byte[] sealedValue) =>
        TryOpen(sealedValue, MethodOwner(userId, methodId), out var destination) ? destination : throw Unreadable();

    /// <summary>As <see cref="OpenMethod"/>, without the refusal: null (and an error logged) for a value that does not open.</summary>
    public PayoutDestination? TryOpenMethod(long userId, string methodId, byte[] sealedValue) =>
        TryOpen(sealedValue, MethodOwner(userId, methodId), out var destination) ? destination : null;

    /// <summary>A withdrawal's copy of its destination sealed for the withdrawal and its player.</summary>
    public byte[] SealWithdrawal(string withdrawalId, long userId, PayoutDestination destination) => Seal(destination, WithdrawalOwner(withdrawalId, userId));

    /// <summary>A withdrawal's destination; one that does not open is logged and refused as <see cref="OpenMethod"/>.</summary>
    public PayoutDestination OpenWithdrawal(string withdrawalId, long userId, byte[] sealedValue) =>
        TryOpen(sealedValue, WithdrawalOwner(withdrawalId, userId), out var destination) ? destination : throw Unreadable();

    /// <summary>As <see cref="OpenWithdrawal"/>, without the refusal: null (and an error logged) for a value that does not open.</summary>
    public PayoutDestination? TryOpenWithdrawal(string withdrawalId, long userId, byte[] sealedValue) =>
        TryOpen(sealedValue, WithdrawalOwner(withdrawalId, userId), out var destination) ? destination : null;

    /// <summary>Whether a value is sealed under the current key (else a previous one, or none this sealer knows: reseal it).</summary>
    public bool IsUnderCurrentKey(ReadOnlySpan<byte> sealedValue) =>
        sealedValue.Length > HeaderBytes && sealedValue[0] == Version && KeyIdOf(sealedValue) == current.Id;

    /// <summary>The refusal of a destination that does not open: 503 without Retry-After (<see cref="ErrorKind.OutOfService"/>), with <c>reason: payout_destination_unreadable</c>.</summary>
    public static GameServerException Unreadable() =>
        GameServerException.OutOfService("A saved payout destination cannot be read (it failed its integrity check). Staff have been alerted; no money was moved.")
            .WithExtension("reason", ProblemReason);

    private byte[] Seal(PayoutDestination destination, string owner)
    {
        Span<byte> header = stackalloc byte[HeaderBytes];
        header[0] = Version;
        current.IdBytes.CopyTo(header[1..]);
        return AesGcmEnvelope.Seal(current.Bytes, header, PayoutDestinationJson.Serialize(destination), AssociatedData(header, owner));
    }

    private bool TryOpen(byte[] sealedValue, string owner, [NotNullWhen(true)] out PayoutDestination? destination)
    {
        destination = null;
        if (sealedValue.Length <= HeaderBytes + AesGcmEnvelope.Overhead || sealedValue[0] != Version)
        {
            LogUnreadable(logger, owner, "?", $"not in version {Version}'s layout");
            return false;
        }

        var keyId = KeyIdOf(sealedValue);
        var keyIdHex = Convert.ToHexStringLower(sealedValue.AsSpan(1, KeyIdBytes));
        if (!keys.TryGetValue(keyId, out var key))
        {
            LogUnreadable(logger, owner, keyIdHex, "sealed under a key not in Wallet:PayoutSealingKey or Wallet:PreviousPayoutSealingKeys");
            return false;
        }

        try
        {
            destination = PayoutDestinationJson.Deserialize(AesGcmEnvelope.Open(key.Bytes, HeaderBytes, sealedValue, AssociatedData(sealedValue.AsSpan(0, HeaderBytes), owner)));
            return true;
        }
        catch (Exception exception) when (exception is CryptographicException or InvalidDataException or System.Text.Json.JsonException)
        {
            LogUnreadable(logger, owner, keyIdHex, exception is CryptographicException ? "changed, or moved from another owner" : "not a payout destination");
            return false;
        }
    }

    private Key Add(byte[] bytes)
    {
        if (bytes.Length != KeyBytes)
        {
            throw new ArgumentException($"A payout sealing key is {KeyBytes} bytes.", nameof(bytes));
        }

        var key = new Key((byte[])bytes.Clone());
        if (keys.TryGetValue(key.Id, out var known) && !known.Bytes.AsSpan().SequenceEqual(key.Bytes))
        {
            throw new ArgumentException($"Two payout sealing keys have the id {key.IdHex}; make a new key.", nameof(bytes));
        }

        keys.TryAdd(key.Id, key);
        return key;
    }

    private static uint KeyIdOf(ReadOnlySpan<byte> sealedValue) => System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(sealedValue.Slice(1, KeyIdBytes));

    private static string MethodOwner(long userId, string methodId) => string.Create(CultureInfo.InvariantCulture, $"payout-method:{userId}:{methodId}");

    private static string WithdrawalOwner(string withdrawalId, long userId) => string.Create(CultureInfo.InvariantCulture, $"withdrawal:{withdrawalId}:{userId}");

    private static byte[] AssociatedData(ReadOnlySpan<byte> header, string owner) => [.. header, .. Encoding.UTF8.GetBytes(owner)];

    [LoggerMessage(Level = LogLevel.Error, Message = "INTEGRITY: the sealed payout destination of {Owner} (key id {KeyId}) does not open: {Reason}. It is kept as it is and refused; check Wallet:PayoutSealingKey and Wallet:PreviousPayoutSealingKeys (docs/OPERATIONS.md, \"Secrets and keys\")")]
    private static partial void LogUnreadable(ILogger logger, string owner, string keyId, string reason);

    private sealed class Key(byte[] bytes)
    {
        public byte[] Bytes { get; } = bytes;

        public byte[] IdBytes { get; } = SHA256.HashData(bytes)[..KeyIdBytes];

        public uint Id => System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(IdBytes);

        public string IdHex => Convert.ToHexStringLower(IdBytes);
    }
}
