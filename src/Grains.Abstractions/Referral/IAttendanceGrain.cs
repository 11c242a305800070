using GameServer.Wallet;

namespace GameServer.Referral;

/// <summary>One claim per UTC day; consecutive days build a streak of 1–7. Key: user id.</summary>
public interface IAttendanceGrain : IGrainWithIntegerKey
{
    Task<AttendanceStatus> GetStatus();

    /// <summary>Pays today's bonus once; a second claim today, or one below the recharge threshold, is a conflict.</summary>
    Task<AttendanceStatus> Claim();
}
