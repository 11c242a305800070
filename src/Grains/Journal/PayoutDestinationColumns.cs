using System.Text.Json;
using System.Text.Json.Serialization;
using GameServer.Wallet;

namespace GameServer.Grains.Journal;

/// <summary>
/// A withdrawal's payout destination as the <c>withdrawals</c> table keeps it (migration 0014):
/// <c>payout_kind</c> its kind's wire name (<c>bank</c>, <c>upi</c>, <c>usdt_trc20</c>) and
/// <c>payout_destination</c> a JSON object of that kind's fields by their wire names
/// (<c>{"holder_name", "account_number", "ifsc"}</c>, <c>{"vpa"}</c>, <c>{"address"}</c>), unmasked: finance
/// staff pay from it. Read back as written, not validated again, so a rule tightened later cannot make a
/// stored request unreadable.
/// </summary>
internal static class PayoutDestinationColumns
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The two column values; both null for none.</summary>
    public static (string? Kind, string? Details) Write(PayoutDestination? destination) =>
        destination is null
            ? (null, null)
            : (destination.Kind.WireName(), JsonSerializer.Serialize(new Details(destination.HolderName, destination.AccountNumber, destination.Ifsc, destination.Vpa, destination.Address), Json));

    /// <summary>The destination two column values hold; none when either is null.</summary>
    public static PayoutDestination? Read(string? kind, string? details)
    {
        if (kind is null || details is null)
        {
            return null;
        }

        var fields = JsonSerializer.Deserialize<Details>(details, Json)
            ?? throw new InvalidDataException("A withdrawal's payout_destination is JSON null.");
        return new PayoutDestination(PayoutKinds.WireNames[kind], fields.HolderName, fields.AccountNumber, fields.Ifsc, fields.Vpa, fields.Address);
    }

    private sealed record Details(string? HolderName, string? AccountNumber, string? Ifsc, string? Vpa, string? Address);
}
