using GameServer.Wallet;

namespace GameServer.Referral;

/// <summary>Where a player stands in the daily attendance streak (SPEC §4).</summary>
[GenerateSerializer, Immutable]
public sealed record AttendanceStatus(
    [property: Id(0)] int Streak,
    [property: Id(1)] bool ClaimedToday,
    [property: Id(2)] int NextDay,
    [property: Id(3)] Money NextBonus,
    [property: Id(4)] Money NextThreshold,
    [property: Id(5)] Money TotalRecharge);
