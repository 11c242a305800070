using GameServer.Wallet;

namespace GameServer.Referral;

/// <summary>Pays yesterday's referral commission to every upline, once per day. Key: <see cref="Key"/>.</summary>
public interface ICommissionGrain : IGrainWithStringKey
{
    public const string Key = "referral-commission";

    /// <summary>Pays every day not yet paid up to and including yesterday; returns the days paid.</summary>
    Task<IReadOnlyList<DateOnly>> PayDueDays();

    /// <summary>Pays one day's commission (idempotent: paying a day twice pays nothing more).</summary>
    Task<Money> PayDay(DateOnly day);
}
