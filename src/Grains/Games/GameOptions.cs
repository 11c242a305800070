using System.ComponentModel.DataAnnotations;

namespace GameServer.Grains.Games;

/// <summary>The <c>Games</c> section: bet limits and how the period grains run.</summary>
public sealed class GameOptions : IValidatableObject
{
    public const string Section = "Games";

    [Range(1, long.MaxValue)]
    public long MinStakeMinorUnits { get; set; } = 1_00;

    [Range(1, long.MaxValue)]
    public long MaxStakeMinorUnits { get; set; } = 100_000_00;

    [Range(1, int.MaxValue)]
    public int MaxBetsPerPlayerPerPeriod { get; set; } = 50;

    /// <summary>How often a period grain looks at the clock; boundaries are hit within this.</summary>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Start all sixteen games when a silo starts (tests that do not play turn this off).</summary>
    public bool AutoStart { get; set; } = true;

    /// <summary>Results kept in memory per game for the live views; older ones come from the journal.</summary>
    [Range(1, int.MaxValue)]
    public int RecentResults { get; set; } = 100;

    /// <summary>Wallets paid at the same time during a settlement.</summary>
    [Range(1, int.MaxValue)]
    public int SettlementParallelism { get; set; } = 64;

    /// <summary>Checked at start with the ranges: a minimum stake above the maximum admits no bet at all.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MinStakeMinorUnits > MaxStakeMinorUnits)
        {
            yield return new ValidationResult(
                $"{Section}:{nameof(MinStakeMinorUnits)} ({MinStakeMinorUnits}) is above {Section}:{nameof(MaxStakeMinorUnits)} ({MaxStakeMinorUnits}).",
                [nameof(MinStakeMinorUnits), nameof(MaxStakeMinorUnits)]);
        }
    }
}
