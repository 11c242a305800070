namespace GameServer.Wallet;

/// <summary>
/// The responsible-play rules of SPEC §6 as plain functions of the player's limits, today's tally and
/// the time: a lowered limit applies at once and a raised (or removed) one after a delay; a
/// self-exclusion allows no bet, deposit or bonus until it ends; pending deposit orders count against
/// the daily deposit limit; money a gateway confirms anyway is credited and flagged.
/// </summary>
public static class ResponsiblePlayRules
{
    /// <summary>The limits once an increase whose time has come (at or before <paramref name="now"/>) applies; the same limits otherwise.</summary>
    public static ResponsiblePlayLimits WithDueIncrease(ResponsiblePlayLimits limits, DateTimeOffset now)
    {
        if (limits.PendingIncrease is not { } pending || pending.EffectiveAt > now)
        {
            return limits;
        }

        return limits with
        {
            DailyDepositLimit = pending.DailyDepositLimit is { } deposit ? deposit.Amount : limits.DailyDepositLimit,
            DailyLossLimit = pending.DailyLossLimit is { } loss ? loss.Amount : limits.DailyLossLimit,
            PendingIncrease = null,
        };
    }

    /// <summary>
    /// The limits after a change asked at <paramref name="now"/>: each lowered limit applies now, each
    /// raised or removed one is pending until <paramref name="now"/> + <paramref name="increaseDelay"/>
    /// (a field the change leaves null keeps its value and what is pending for it).
    /// </summary>
    public static ResponsiblePlayLimits WithChange(ResponsiblePlayLimits limits, LimitChange change, DateTimeOffset now, TimeSpan increaseDelay)
    {
        var (deposit, depositLater) = Decide(limits.DailyDepositLimit, change.DailyDepositLimit, limits.PendingIncrease?.DailyDepositLimit);
        var (loss, lossLater) = Decide(limits.DailyLossLimit, change.DailyLossLimit, limits.PendingIncrease?.DailyLossLimit);
        var raised = (change.DailyDepositLimit is not null && depositLater is not null) || (change.DailyLossLimit is not null && lossLater is not null);
        var pending = depositLater is null && lossLater is null
            ? null
            : new PendingLimitIncrease(depositLater, lossLater, raised ? now + increaseDelay : limits.PendingIncrease!.EffectiveAt);
        return limits with { DailyDepositLimit = deposit, DailyLossLimit = loss, PendingIncrease = pending };
    }

    /// <summary>The limits with a self-exclusion until <paramref name="now"/> + <paramref name="duration"/>; an exclusion only ever lengthens.</summary>
    /// <exception cref="GameServerException">Invalid when <paramref name="duration"/> is not positive.</exception>
    public static ResponsiblePlayLimits WithSelfExclusion(ResponsiblePlayLimits limits, DateTimeOffset now, TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            throw GameServerException.Invalid("The self-exclusion period must be positive.");
        }

        var until = now + duration;
        return limits.SelfExcludedUntil is { } current && current >= until ? limits : limits with { SelfExcludedUntil = until };
    }

    /// <summary>Forbidden while the player is self-excluded at <paramref name="now"/>, naming <paramref name="what"/> ("bet", "deposit", "bonus"); null otherwise.</summary>
    public static GameServerException? SelfExclusionRefusal(ResponsiblePlayLimits limits, DateTimeOffset now, string what) =>
        limits.SelfExcludedUntil is { } until && until > now
            ? GameServerException.Forbidden($"You are self-excluded until {until:u}: no {what} is possible before then.")
            : null;

    /// <summary>Conflict when a new deposit order of <paramref name="amount"/> would pass the daily deposit limit, counting today's deposits and the <paramref name="pending"/> orders.</summary>
    public static GameServerException? DepositRefusal(ResponsiblePlayLimits limits, DailyTally today, Money pending, Money amount) =>
        limits.DailyDepositLimit is { } limit && today.Deposits + pending + amount > limit
            ? GameServerException.Conflict(
                $"This deposit would pass your daily deposit limit of {limit} ({today.Deposits} deposited today, {pending} in pending orders).")
            : null;

    /// <summary>Conflict when a stake could take today's net loss past the daily loss limit; null otherwise.</summary>
    public static GameServerException? LossRefusal(ResponsiblePlayLimits limits, DailyTally today, Money stake) =>
        limits.DailyLossLimit is { } limit && today.NetLoss + stake > limit
            ? GameServerException.Conflict($"This bet could pass your daily loss limit of {limit}.")
            : null;

    /// <summary>
    /// Why a deposit of <paramref name="amount"/> a gateway has confirmed would not be admitted now, if it
    /// would not: it is credited anyway (the money arrived) and staff see the reason and its detail.
    /// </summary>
    public static (DepositFlagReason Reason, string Detail)? DepositFlag(ResponsiblePlayLimits limits, DailyTally today, Money amount, DateTimeOffset now)
    {
        if (SelfExclusionRefusal(limits, now, "deposit") is not null)
        {
            return (DepositFlagReason.SelfExcluded, $"Credited during self-exclusion (until {limits.SelfExcludedUntil:u}).");
        }

        return limits.DailyDepositLimit is { } limit && today.Deposits + amount > limit
            ? (DepositFlagReason.OverDailyLimit, $"Credited past the daily deposit limit of {limit} ({today.Deposits} deposited earlier today).")
            : null;
    }

    /// <summary>A lower limit applies now; a higher one (or none) waits. Returns the limit now and what is pending.</summary>
    private static (Money? Now, LimitValue? Later) Decide(Money? current, LimitValue? requested, LimitValue? pending)
    {
        if (requested is null)
        {
            return (current, pending);
        }

        var lowers = requested.Amount is { } wanted && (current is null || wanted <= current.Value);
        return lowers ? (requested.Amount, null) : (current, requested);
    }
}

/// <summary>
/// One UTC day's deposits and net loss (stakes less payouts and refunds) of one account, in minor
/// units, for the daily limits of SPEC §6; built by folding that day's ledger entries in order.
/// </summary>
public sealed record DailyTally(DateOnly Day, Money Deposits, Money NetLoss)
{
    /// <summary>No day yet: the first entry folded starts one.</summary>
    public static readonly DailyTally Empty = new(DateOnly.MinValue, Money.Zero, Money.Zero);

    /// <summary>The UTC day of an instant.</summary>
    public static DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.UtcDateTime);

    /// <summary>This tally with <paramref name="entry"/>, written on <paramref name="day"/>, folded in; a new day starts from zero.</summary>
    public DailyTally With(LedgerEntry entry, DateOnly day)
    {
        var tally = Day == day ? this : new DailyTally(day, Money.Zero, Money.Zero);
        return entry.Type switch
        {
            LedgerEntryType.Deposit => tally with { Deposits = tally.Deposits + entry.Amount },
            LedgerEntryType.BetStake or LedgerEntryType.BetPayout or LedgerEntryType.BetRefund => tally with { NetLoss = tally.NetLoss - entry.Amount },
            _ => tally,
        };
    }
}
