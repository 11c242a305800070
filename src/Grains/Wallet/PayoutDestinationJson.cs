using System.Text.Json;
using System.Text.Json.Serialization;
using GameServer.Wallet;

namespace GameServer.Grains.Wallet;

/// <summary>
/// A payout destination as JSON, its fields by their wire names: <c>{"kind": "bank", "holder_name",
/// "account_number", "ifsc"}</c>, <c>{"kind": "upi", "vpa"}</c> or <c>{"kind": "usdt_trc20", "address"}</c>. What
/// <see cref="PayoutSealer"/> seals, and (without <c>kind</c>) what migration 0014's plain column holds. Read back
/// as written, not validated again, so a rule tightened later cannot make a stored destination unreadable.
/// </summary>
internal static class PayoutDestinationJson
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The destination's fields, <c>kind</c> included.</summary>
    public static byte[] Serialize(PayoutDestination destination) =>
        JsonSerializer.SerializeToUtf8Bytes(Fields.Of(destination, withKind: true), Json);

    /// <summary>The destination's fields without <c>kind</c>: the plain column of migration 0014, which kept the kind beside it.</summary>
    public static string SerializeWithoutKind(PayoutDestination destination) =>
        JsonSerializer.Serialize(Fields.Of(destination, withKind: false), Json);

    /// <summary>A destination from <see cref="Serialize"/>'s JSON; <see cref="InvalidDataException"/> for anything else.</summary>
    public static PayoutDestination Deserialize(ReadOnlySpan<byte> json)
    {
        var fields = JsonSerializer.Deserialize<Fields>(json, Json) ?? throw new InvalidDataException("A payout destination is JSON null.");
        return fields.Kind is { } kind && PayoutKinds.WireNames.TryGetValue(kind, out var parsed)
            ? fields.To(parsed)
            : throw new InvalidDataException("A payout destination names no known kind.");
    }

    /// <summary>A destination of <paramref name="kind"/> (a wire name) from <see cref="SerializeWithoutKind"/>'s JSON.</summary>
    public static PayoutDestination Deserialize(string kind, string json) =>
        (JsonSerializer.Deserialize<Fields>(json, Json) ?? throw new InvalidDataException("A payout destination is JSON null.")).To(PayoutKinds.WireNames[kind]);

    private sealed record Fields(string? Kind, string? HolderName, string? AccountNumber, string? Ifsc, string? Vpa, string? Address)
    {
        public static Fields Of(PayoutDestination destination, bool withKind) =>
            new(withKind ? destination.Kind.WireName() : null, destination.HolderName, destination.AccountNumber, destination.Ifsc, destination.Vpa, destination.Address);

        public PayoutDestination To(PayoutKind kind) => new(kind, HolderName, AccountNumber, Ifsc, Vpa, Address);
    }
}
