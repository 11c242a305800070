using GameServer.Wallet;

namespace GameServer.Referral;

/// <summary>
/// What an upline knows of one member. Money figures are absolute and stamped with the ledger seq
/// they were read at, activity with the day: a newer snapshot replaces an older one field group by
/// field group, so a replayed or reordered event never counts twice.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record MemberSnapshot(
    [property: Id(0)] long MemberId,
    [property: Id(1)] long LedgerSeq,
    [property: Id(2)] Money Balance,
    [property: Id(3)] Money TotalRecharge,
    [property: Id(4)] Money TotalWithdrawal,
    [property: Id(5)] DateOnly? LastActiveDay)
{
    public static MemberSnapshot Empty(long memberId) => new(memberId, 0, Money.Zero, Money.Zero, Money.Zero, null);

    public MemberSnapshot Merge(MemberSnapshot newer)
    {
        var money = newer.LedgerSeq > LedgerSeq ? newer : this;
        var day = (newer.LastActiveDay, LastActiveDay) switch
        {
            ({ } a, { } b) => a > b ? a : b,
            (var a, var b) => a ?? b,
        };
        return new MemberSnapshot(MemberId, money.LedgerSeq, money.Balance, money.TotalRecharge, money.TotalWithdrawal, day);
    }
}

/// <summary>One level of a team (1 = invited directly … 6).</summary>
[GenerateSerializer, Immutable]
public sealed record TeamLevel(
    [property: Id(0)] int Level,
    [property: Id(1)] long Members,
    [property: Id(2)] long ActiveMembers,
    [property: Id(3)] Money TeamBalance,
    [property: Id(4)] Money TotalRecharge,
    [property: Id(5)] Money TotalWithdrawal);

[GenerateSerializer, Immutable]
public sealed record TeamSummary([property: Id(0)] long UserId, [property: Id(1)] IReadOnlyList<TeamLevel> Levels);
