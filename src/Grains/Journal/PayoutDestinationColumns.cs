using GameServer.Grains.Wallet;
using GameServer.Wallet;

namespace GameServer.Grains.Journal;

/// <summary>
/// A withdrawal's payout destination as the <c>withdrawals</c> table keeps it: <c>payout_kind</c> its kind's wire
/// name (<c>bank</c>, <c>upi</c>, <c>usdt_trc20</c>, not secret) and <c>payout_sealed</c> the destination sealed by
/// <see cref="PayoutSealer"/> for that withdrawal and player (migration 0015). Rows written before 0015 hold it in
/// the clear in <c>payout_destination</c> (a JSON object of the kind's fields, migration 0014) until
/// <see cref="WithdrawalDestinationResealing"/> seals them; both are read.
/// </summary>
internal static class PayoutDestinationColumns
{
    /// <summary>The column values of a new row: kind and sealed destination, both null for none.</summary>
    public static (string? Kind, byte[]? Sealed) Write(PayoutSealer sealer, string withdrawalId, long userId, PayoutDestination? destination) =>
        destination is null ? (null, null) : (destination.Kind.WireName(), sealer.SealWithdrawal(withdrawalId, userId, destination));

    /// <summary>
    /// The destination a row holds: opened from <paramref name="sealedDestination"/>, else read from the plain
    /// <paramref name="plainDestination"/> of a row not yet resealed; none when the row has none. A sealed value
    /// that does not open is <see cref="ErrorKind.OutOfService"/> (<see cref="PayoutSealer.OpenWithdrawal"/>).
    /// </summary>
    public static PayoutDestination? Read(PayoutSealer sealer, string withdrawalId, long userId, string? kind, string? plainDestination, byte[]? sealedDestination) =>
        (kind, plainDestination, sealedDestination) switch
        {
            (null, _, _) => null,
            (_, _, { } sealedValue) => sealer.OpenWithdrawal(withdrawalId, userId, sealedValue),
            (_, { } plain, null) => PayoutDestinationJson.Deserialize(kind, plain),
            _ => null,
        };
}
