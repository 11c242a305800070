namespace GameServer.Wallet;

public enum DepositStatus
{
    Pending,
    Paid,
    Failed,
}

[GenerateSerializer, Immutable]
public sealed record DepositOrder(
    [property: Id(0)] string OrderId,
    [property: Id(1)] long UserId,
    [property: Id(2)] Money Amount,
    [property: Id(3)] string Gateway,
    [property: Id(4)] DepositStatus Status,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] DateTimeOffset? CompletedAt);

/// <summary>Why a deposit the gateway confirmed was credited but flagged for staff (SPEC §6).</summary>
public enum DepositFlagReason
{
    /// <summary>Credited past the player's daily deposit limit (lowered after the order was made).</summary>
    OverDailyLimit,

    /// <summary>Credited while the player was self-excluded.</summary>
    SelfExcluded,
}

/// <summary>A deposit credited although a responsible-play rule would have refused it: the money arrived, so it is kept, and staff see it.</summary>
[GenerateSerializer, Immutable]
public sealed record FlaggedDeposit(
    [property: Id(0)] long UserId,
    [property: Id(1)] string OrderId,
    [property: Id(2)] Money Amount,
    [property: Id(3)] DepositFlagReason Reason,
    [property: Id(4)] string Detail,
    [property: Id(5)] DateTimeOffset CreditedAt);

/// <summary>One page of flagged deposits, newest first; <see cref="Total"/> counts every match.</summary>
[GenerateSerializer, Immutable]
public sealed record FlaggedDepositPage(
    [property: Id(0)] IReadOnlyList<FlaggedDeposit> Items,
    [property: Id(1)] int Page,
    [property: Id(2)] int Limit,
    [property: Id(3)] long Total);
