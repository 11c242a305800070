namespace GameServer.Wallet;

/// <summary>A player's own limits (SPEC §6). A null limit means none.</summary>
[GenerateSerializer, Immutable]
public sealed record ResponsiblePlayLimits(
    [property: Id(0)] Money? DailyDepositLimit,
    [property: Id(1)] Money? DailyLossLimit,
    [property: Id(2)] DateTimeOffset? SelfExcludedUntil,
    [property: Id(3)] PendingLimitIncrease? PendingIncrease);

/// <summary>
/// A raised (or removed) limit waits 24 hours before it applies; a lowered one applies at once. A null
/// field has no change pending.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record PendingLimitIncrease(
    [property: Id(0)] LimitValue? DailyDepositLimit,
    [property: Id(1)] LimitValue? DailyLossLimit,
    [property: Id(2)] DateTimeOffset EffectiveAt);

/// <summary>A requested change of limits; a field left null keeps its current value.</summary>
[GenerateSerializer, Immutable]
public sealed record LimitChange(
    [property: Id(0)] LimitValue? DailyDepositLimit,
    [property: Id(1)] LimitValue? DailyLossLimit);

/// <summary>A new value for one limit: an amount, or none (<see cref="Amount"/> null) to remove it.</summary>
[GenerateSerializer, Immutable]
public sealed record LimitValue([property: Id(0)] Money? Amount);
