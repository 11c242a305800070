namespace GameServer.Wallet;

public enum WithdrawalStatus
{
    Pending,
    Paid,
    Rejected,
}

/// <summary>
/// A withdrawal request as the journal keeps it: written in the same durable step as the hold of its
/// funds, so no hold exists without its request; decided once by an admin (paid or rejected).
/// <see cref="Amount"/> is positive, in minor units.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record Withdrawal(
    [property: Id(0)] string WithdrawalId,
    [property: Id(1)] long UserId,
    [property: Id(2)] Money Amount,
    [property: Id(3)] WithdrawalStatus Status,
    [property: Id(4)] DateTimeOffset RequestedAt,
    [property: Id(5)] long? DecidedBy,
    [property: Id(6)] DateTimeOffset? DecidedAt);

/// <summary>An admin's decision on a withdrawal, written in the same durable step as the entry that pays or releases it.</summary>
[GenerateSerializer, Immutable]
public sealed record WithdrawalDecision(
    [property: Id(0)] string WithdrawalId,
    [property: Id(1)] bool Paid,
    [property: Id(2)] long DecidedBy,
    [property: Id(3)] DateTimeOffset DecidedAt);

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
