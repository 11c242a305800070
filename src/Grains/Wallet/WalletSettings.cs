using GameServer.Wallet;

namespace GameServer.Grains.Wallet;

/// <summary>A player's responsible-play settings and pending deposit reservations: the only wallet data kept as grain state.</summary>
/// <remarks>The serializer ids are the stored layout of Production's grain state: keep them.</remarks>
[GenerateSerializer]
public sealed class WalletSettings
{
    [Id(0)] public Money? DailyDepositLimit { get; set; }
    [Id(1)] public Money? DailyLossLimit { get; set; }
    [Id(2)] public DateTimeOffset? SelfExcludedUntil { get; set; }
    [Id(3)] public PendingLimitIncrease? PendingIncrease { get; set; }

    /// <summary>Deposit orders not yet decided by their gateway, by order id: they count against the daily deposit limit (SPEC §6).</summary>
    [Id(4)] public Dictionary<string, PendingDeposit> PendingDeposits { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Staff suspended the player (SPEC §4): no bets, deposits, withdrawals or bonuses until reinstated.</summary>
    [Id(5)] public bool Suspended { get; set; }

    /// <summary>The limits as the rules (<see cref="ResponsiblePlayRules"/>) take them. A method, not a property: grain storage serializes properties.</summary>
    public ResponsiblePlayLimits ToLimits() => new(DailyDepositLimit, DailyLossLimit, SelfExcludedUntil, PendingIncrease);

    /// <summary>Takes the limits the rules gave.</summary>
    public void SetLimits(ResponsiblePlayLimits limits) =>
        (DailyDepositLimit, DailyLossLimit, SelfExcludedUntil, PendingIncrease) =
            (limits.DailyDepositLimit, limits.DailyLossLimit, limits.SelfExcludedUntil, limits.PendingIncrease);

    /// <summary>The total of the pending orders reserved less than <paramref name="lifetime"/> before <paramref name="now"/>; older ones are dropped.</summary>
    public Money PendingDepositsAt(DateTimeOffset now, TimeSpan lifetime)
    {
        foreach (var expired in PendingDeposits.Where(order => order.Value.ReservedAt + lifetime <= now).Select(order => order.Key).ToList())
        {
            PendingDeposits.Remove(expired);
        }

        return PendingDeposits.Values.Aggregate(Money.Zero, (sum, order) => sum + order.Amount);
    }
}

/// <summary>The amount of a pending deposit order and when it was reserved.</summary>
[GenerateSerializer, Immutable]
public sealed record PendingDeposit([property: Id(0)] Money Amount, [property: Id(1)] DateTimeOffset ReservedAt);
