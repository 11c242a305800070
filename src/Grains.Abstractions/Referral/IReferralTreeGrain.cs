using GameServer.Wallet;
using Orleans.Concurrency;

namespace GameServer.Referral;

/// <summary>
/// A player's place in the referral tree: their own snapshot, their upline, and the running totals
/// of their team on levels 1–6, kept current by snapshots sent up by the members. Key: user id.
/// </summary>
public interface IReferralTreeGrain : IGrainWithIntegerKey
{
    /// <summary>Records the player's upline (inviter first) and announces the new member to it; repeats change nothing.</summary>
    Task Join(IReadOnlyList<long> upline);

    /// <summary>The player logged in on this day.</summary>
    Task RecordActivity(DateOnly day);

    /// <summary>The player's money as of a ledger seq (after a deposit, a paid withdrawal …).</summary>
    Task RecordMoney(long ledgerSeq, Money balance, Money totalRecharge, Money totalWithdrawal);

    /// <summary>
    /// From a member below: their newest snapshot, at their level relative to this player. Runs
    /// between the turns of other calls (it never awaits), so a member answering this player's
    /// rebuild can report up to it without a deadlock.
    /// </summary>
    [AlwaysInterleave]
    Task UpdateMember(int level, MemberSnapshot snapshot);

    Task<TeamSummary> GetTeamSummary();

    Task<MemberSnapshot> GetSelf();

    Task<IReadOnlyList<long>> GetDirectMembers();

    /// <summary>Recomputes the team from the members' own records (and theirs from the journal) when in doubt.</summary>
    Task<TeamSummary> Rebuild();
}
