using System.ComponentModel.DataAnnotations;
using GameServer.Players;

namespace GameServer.Grains.Players;

/// <summary>The <c>Vip</c> section: the turnover each VIP level needs and each level's daily betting rebate (SPEC §4 defaults).</summary>
public sealed class VipOptions
{
    public const string Section = "Vip";

    /// <summary>
    /// The lifetime turnover (stakes less refunds, minor units) that reaches level 1, 2 … 10, ascending.
    /// Empty here and filled with the SPEC's thresholds after binding when configuration gives none (the
    /// binder adds configured items to a list's defaults rather than replacing them).
    /// </summary>
    [Length(VipLevels.Highest, VipLevels.Highest)]
    public List<long> TurnoverThresholdsMinorUnits { get; set; } = [];

    /// <summary>The daily betting rebate of level 0, 1 … 10 in millionths of the previous UTC day's net stakes; filled after binding like the thresholds.</summary>
    [Length(VipLevels.Highest + 1, VipLevels.Highest + 1)]
    public List<long> RebatePartsPerMillion { get; set; } = [];

    /// <summary>SPEC §4: ₹1,000, ₹10,000, ₹50,000, ₹1 lakh, ₹5 lakh, ₹10 lakh, ₹50 lakh, ₹1 crore, ₹5 crore, ₹10 crore.</summary>
    public static IReadOnlyList<long> DefaultTurnoverThresholdsMinorUnits { get; } =
        [1_000_00, 10_000_00, 50_000_00, 100_000_00, 500_000_00, 1_000_000_00, 5_000_000_00, 10_000_000_00, 50_000_000_00, 100_000_000_00];

    /// <summary>SPEC §4: none at level 0, then 0.05 % more per level up to 0.5 % at level 10.</summary>
    public static IReadOnlyList<long> DefaultRebatePartsPerMillion { get; } = [0, 500, 1000, 1500, 2000, 2500, 3000, 3500, 4000, 4500, 5000];

    /// <summary>Fills what configuration left empty with the SPEC's defaults; runs after binding, before validation.</summary>
    public void UseDefaultsWhereEmpty()
    {
        if (TurnoverThresholdsMinorUnits.Count == 0)
        {
            TurnoverThresholdsMinorUnits = [.. DefaultTurnoverThresholdsMinorUnits];
        }

        if (RebatePartsPerMillion.Count == 0)
        {
            RebatePartsPerMillion = [.. DefaultRebatePartsPerMillion];
        }
    }
}
