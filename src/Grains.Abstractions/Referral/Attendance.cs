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

/// <summary>One claim per UTC day; consecutive days build a streak of 1–7. Key: user id.</summary>
public interface IAttendanceGrain : IGrainWithIntegerKey
{
    Task<AttendanceStatus> GetStatus();

    /// <summary>Pays today's bonus once; a second claim today, or one below the recharge threshold, is a conflict.</summary>
    Task<AttendanceStatus> Claim();
}

/// <summary>Pays yesterday's referral commission to every upline, once per day. Key: <see cref="Key"/>.</summary>
public interface ICommissionGrain : IGrainWithStringKey
{
    public const string Key = "referral-commission";

    /// <summary>Pays every day not yet paid up to and including yesterday; returns the days paid.</summary>
    Task<IReadOnlyList<DateOnly>> PayDueDays();

    /// <summary>Pays one day's commission (idempotent: paying a day twice pays nothing more).</summary>
    Task<Money> PayDay(DateOnly day);
}
