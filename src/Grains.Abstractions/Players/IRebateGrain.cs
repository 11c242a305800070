using GameServer.Wallet;

namespace GameServer.Players;

/// <summary>Pays yesterday's VIP betting rebate to every player who staked, once per player per day (SPEC §4). Key: <see cref="Key"/>.</summary>
public interface IRebateGrain : IGrainWithStringKey
{
    public const string Key = "vip-rebate";

    /// <summary>Pays every day not yet paid up to and including yesterday; returns the days paid.</summary>
    Task<IReadOnlyList<DateOnly>> PayDueDays();

    /// <summary>Pays one UTC day's rebates (idempotent: paying a day twice pays nothing more); returns the total paid.</summary>
    Task<Money> PayDay(DateOnly day);
}
