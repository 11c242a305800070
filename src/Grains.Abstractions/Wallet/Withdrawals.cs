namespace GameServer.Wallet;

public enum WithdrawalStatus
{
    Pending,
    Paid,
    Rejected,
}

/// <summary>
/// A withdrawal request as the journal keeps it: written in the same durable step as the hold of its
/// funds, so no hold exists without its request; decided once by an admin (paid or rejected), with the
/// admin's optional <see cref="Reason"/> (at most <see cref="WithdrawalDecision.MaxReasonLength"/> characters).
/// <see cref="Amount"/> is positive, in minor units. <see cref="PayoutMethodId"/> names the player's saved
/// method it was requested to, and <see cref="Destination"/> is a full copy of where that method pointed then
/// (SPEC §5), so a later change of the method does not redirect it; requests made before methods existed
/// have neither. On the wire (SPEC §7, <c>GET /api/admin/withdrawals</c>, finance staff):
/// <c>{withdrawal_id, user_id, amount, status: pending|paid|rejected, requested_at, decided_by, decided_at, reason,
/// payout_method_id, destination}</c>, the destination unmasked.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record Withdrawal(
    [property: Id(0)] string WithdrawalId,
    [property: Id(1)] long UserId,
    [property: Id(2)] Money Amount,
    [property: Id(3)] WithdrawalStatus Status,
    [property: Id(4)] DateTimeOffset RequestedAt,
    [property: Id(5)] long? DecidedBy,
    [property: Id(6)] DateTimeOffset? DecidedAt,
    [property: Id(7)] string? Reason = null,
    [property: Id(8)] string? PayoutMethodId = null,
    [property: Id(9)] PayoutDestination? Destination = null);

/// <summary>What a withdrawal request gave: the request as recorded (with its destination) and the hold of its funds.</summary>
[GenerateSerializer, Immutable]
public sealed record WithdrawalReceipt(
    [property: Id(0)] Withdrawal Request,
    [property: Id(1)] LedgerEntry Hold);

/// <summary>
/// An admin's decision on a withdrawal, written in the same durable step as the entry that pays or
/// releases it, with the admin's reason if one was given (trimmed, 1 to <see cref="MaxReasonLength"/> characters).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record WithdrawalDecision(
    [property: Id(0)] string WithdrawalId,
    [property: Id(1)] bool Paid,
    [property: Id(2)] long DecidedBy,
    [property: Id(3)] DateTimeOffset DecidedAt,
    [property: Id(4)] string? Reason = null)
{
    /// <summary>The longest reason kept with a decision, in UTF-16 code units (as the admin's adjustment reasons).</summary>
    public const int MaxReasonLength = 500;

    /// <summary>
    /// A reason as it is kept: trimmed, none when empty; longer than <see cref="MaxReasonLength"/> is
    /// <see cref="ErrorKind.Invalid"/>.
    /// </summary>
    public static string? NormalizeReason(string? reason)
    {
        var trimmed = reason?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        return trimmed.Length <= MaxReasonLength ? trimmed : throw GameServerException.Invalid($"reason must be at most {MaxReasonLength} characters.");
    }
}

/// <summary>Which withdrawals an admin lists: by status, optionally of one player; newest first, 1-based pages.</summary>
[GenerateSerializer, Immutable]
public sealed record WithdrawalQuery(
    [property: Id(0)] WithdrawalStatus? Status,
    [property: Id(1)] long? UserId,
    [property: Id(2)] int Page,
    [property: Id(3)] int Limit);

/// <summary>One page of withdrawals, newest first; <see cref="Total"/> counts every match.</summary>
[GenerateSerializer, Immutable]
public sealed record WithdrawalPage(
    [property: Id(0)] IReadOnlyList<Withdrawal> Items,
    [property: Id(1)] int Page,
    [property: Id(2)] int Limit,
    [property: Id(3)] long Total);
