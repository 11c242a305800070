using GameServer.Wallet;

namespace GameServer.Games;

/// <summary>The configured bet limits (SPEC §2 defaults: ₹1 to ₹100,000 a stake, at most 50 bets per player per period).</summary>
public sealed record BetLimits(Money MinStake, Money MaxStake, int MaxBetsPerPlayerPerPeriod);

/// <summary>
/// What a wallet checks before it stakes a bet, as plain functions (SPEC §2): the stake within the
/// limits, the balance covering it, and the player's bets in the period under the limit. The game
/// decides which period is open (<see cref="Schedule"/>, by its own clock); the player's own limits are
/// <see cref="ResponsiblePlayRules"/>.
/// </summary>
public static class StakeRules
{
    /// <summary>Invalid when the stake is outside [min, max]; null otherwise.</summary>
    public static GameServerException? StakeRefusal(BetLimits limits, Money stake) =>
        stake < limits.MinStake || stake > limits.MaxStake
            ? GameServerException.Invalid($"The stake must be {limits.MinStake} to {limits.MaxStake}.")
            : null;

    /// <summary>The reason the available balance cannot cover the stake (a conflict), or null.</summary>
    public static string? BalanceProblem(Money available, Money stake) =>
        stake > available ? $"The balance of {available} does not cover a stake of {stake}." : null;

    /// <summary>Conflict once the player already has the most bets a period allows; null otherwise.</summary>
    public static GameServerException? CountRefusal(BetLimits limits, int betsPlacedInPeriod) =>
        betsPlacedInPeriod >= limits.MaxBetsPerPlayerPerPeriod
            ? GameServerException.Conflict($"At most {limits.MaxBetsPerPlayerPerPeriod} bets per player per period.")
            : null;
}
