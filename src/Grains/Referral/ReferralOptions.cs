using System.ComponentModel.DataAnnotations;
using GameServer.Referral;
using GameServer.Wallet;

namespace GameServer.Grains.Referral;

/// <summary>The <c>Referral</c> section: commission rates and attendance days (SPEC §4 defaults).</summary>
public sealed class ReferralOptions
{
    public const string Section = "Referral";

    /// <summary>
    /// Commission per level 1–6 in millionths of the members' stakes (SPEC §4: 0.6 % … 0.0014 %); one
    /// rate per level of <see cref="TeamRules.Levels"/>. Empty here and filled with the SPEC's rates
    /// after binding when configuration gives none: the binder adds configured items to a list's
    /// defaults rather than replacing them.
    /// </summary>
    [Length(TeamRules.Levels, TeamRules.Levels)]
    public List<long> CommissionPartsPerMillion { get; set; } = [];

    /// <summary>Attendance day 1–7: total recharge needed and bonus paid, in minor units (SPEC §4); filled after binding like the rates.</summary>
    [Length(7, 7)]
    public List<AttendanceDay> AttendanceDays { get; set; } = [];

    /// <summary>The SPEC §4 commission rates.</summary>
    public static IReadOnlyList<long> DefaultCommissionPartsPerMillion { get; } = [6000, 1800, 540, 160, 48, 14];

    /// <summary>The SPEC §4 attendance days.</summary>
    public static IReadOnlyList<AttendanceDay> DefaultAttendanceDays { get; } =
    [
        new() { ThresholdMinorUnits = 200_00, BonusMinorUnits = 5_00 },
        new() { ThresholdMinorUnits = 1_000_00, BonusMinorUnits = 18_00 },
        new() { ThresholdMinorUnits = 3_000_00, BonusMinorUnits = 100_00 },
        new() { ThresholdMinorUnits = 10_000_00, BonusMinorUnits = 200_00 },
        new() { ThresholdMinorUnits = 20_000_00, BonusMinorUnits = 400_00 },
        new() { ThresholdMinorUnits = 100_000_00, BonusMinorUnits = 3_000_00 },
        new() { ThresholdMinorUnits = 200_000_00, BonusMinorUnits = 7_000_00 },
    ];

    /// <summary>Fills what configuration left empty with the SPEC's defaults; runs after binding, before validation.</summary>
    public void UseDefaultsWhereEmpty()
    {
        if (CommissionPartsPerMillion.Count == 0)
        {
            CommissionPartsPerMillion = [.. DefaultCommissionPartsPerMillion];
        }

        if (AttendanceDays.Count == 0)
        {
            AttendanceDays = [.. DefaultAttendanceDays];
        }
    }

    /// <summary>Members who logged in within this many days count as active.</summary>
    public int ActiveWithinDays { get; set; } = 30;

    /// <summary>How long a team's changes may wait in memory before they are written.</summary>
    public TimeSpan TeamFlushInterval { get; set; } = TimeSpan.FromSeconds(5);
}

public sealed class AttendanceDay
{
    public long ThresholdMinorUnits { get; set; }
    public long BonusMinorUnits { get; set; }

    public Money Threshold => new(ThresholdMinorUnits);
    public Money Bonus => new(BonusMinorUnits);
}
