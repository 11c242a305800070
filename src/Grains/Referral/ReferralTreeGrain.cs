using GameServer.Grains.Journal;
using GameServer.Referral;
using GameServer.Wallet;
using Microsoft.Extensions.Options;

namespace GameServer.Grains.Referral;

[GenerateSerializer, Immutable]
public sealed record TeamMember([property: Id(0)] int Level, [property: Id(1)] MemberSnapshot Snapshot);

[GenerateSerializer]
public sealed class ReferralState
{
    [Id(0)] public bool Joined { get; set; }
    [Id(1)] public List<long> Upline { get; set; } = [];
    [Id(2)] public List<long> DirectMembers { get; set; } = [];
    [Id(3)] public MemberSnapshot? Self { get; set; }
    [Id(4)] public Dictionary<long, TeamMember> Team { get; set; } = [];
}

/// <summary>
/// Keeps a player's team totals per level in memory, updated by the members' snapshots, so a team
/// summary is one call whatever the team's size. A large team's state is written at most every few
/// seconds (and on deactivation) rather than on every member's event; what a crash loses, the
/// members' next snapshots or <see cref="Rebuild"/> restore.
/// </summary>
public sealed class ReferralTreeGrain(
    [PersistentState("referral")] IPersistentState<ReferralState> state,
    ILedger ledger,
    GameClock clock,
    IOptions<ReferralOptions> options) : Grain, IReferralTreeGrain
{
    private const int Levels = TeamRules.Levels;

    private readonly LevelTotals[] totals = Enumerable.Range(0, Levels + 1).Select(_ => new LevelTotals()).ToArray();
    private bool dirty;
    private IGrainTimer? flushTimer;

    private long UserId => this.GetPrimaryKeyLong();

    private MemberSnapshot Self => state.State.Self ??= MemberSnapshot.Empty(UserId);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var member in state.State.Team.Values)
        {
            totals[member.Level].Add(member.Snapshot, 1);
        }

        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => await Flush();

    public async Task Join(IReadOnlyList<long> upline)
    {
        if (state.State.Joined)
        {
            return;
        }

        state.State.Joined = true;
        state.State.Upline = upline.Take(Levels).ToList();
        _ = Self;
        await state.WriteStateAsync();
        await SendUp();
    }

    public async Task RecordActivity(DateOnly day) => await Changed(Self.Merge(Self with { LastActiveDay = day }));

    public async Task RecordMoney(long ledgerSeq, Money balance, Money totalRecharge, Money totalWithdrawal) =>
        await Changed(Self.Merge(new MemberSnapshot(UserId, ledgerSeq, balance, totalRecharge, totalWithdrawal, null)));

    public Task UpdateMember(int level, MemberSnapshot snapshot)
    {
        if (level is < 1 or > Levels)
        {
            return Task.CompletedTask;
        }

        if (state.State.Team.TryGetValue(snapshot.MemberId, out var known))
        {
            var merged = known.Snapshot.Merge(snapshot);
            if (merged == known.Snapshot)
            {
                return Task.CompletedTask;
            }

            totals[known.Level].Add(known.Snapshot, -1);
            totals[known.Level].Add(merged, 1);
            state.State.Team[snapshot.MemberId] = known with { Snapshot = merged };
        }
        else
        {
            state.State.Team[snapshot.MemberId] = new TeamMember(level, snapshot);
            totals[level].Add(snapshot, 1);
            if (level == 1)
            {
                state.State.DirectMembers.Add(snapshot.MemberId);
            }
        }

        MarkDirty();
        return Task.CompletedTask;
    }

    public Task<TeamSummary> GetTeamSummary()
    {
        var activeSince = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(1 - options.Value.ActiveWithinDays);
        var active = new long[Levels + 1];
        foreach (var member in state.State.Team.Values)
        {
            if (member.Snapshot.LastActiveDay >= activeSince)
            {
                active[member.Level]++;
            }
        }

        IReadOnlyList<TeamLevel> levels = Enumerable.Range(1, Levels)
            .Select(level => new TeamLevel(level, totals[level].Members, active[level], totals[level].Balance, totals[level].Recharge, totals[level].Withdrawal))
            .ToList();
        return Task.FromResult(new TeamSummary(UserId, levels));
    }

    public async Task<MemberSnapshot> GetSelf()
    {
        // The money figures are re-read from the ledger, the source of truth.
        var latest = await ledger.GetLatestAsync(UserId);
        var (recharge, withdrawal) = await ledger.ReadTotalsAsync(UserId);
        var fromLedger = new MemberSnapshot(UserId, latest?.Seq ?? 0, latest?.BalanceAfter ?? Money.Zero, recharge, withdrawal, null);
        state.State.Self = fromLedger.LedgerSeq >= Self.LedgerSeq ? fromLedger with { LastActiveDay = Self.LastActiveDay } : Self;
        return Self;
    }

    public Task<IReadOnlyList<long>> GetDirectMembers() => Task.FromResult<IReadOnlyList<long>>(state.State.DirectMembers.ToList());

    public async Task<TeamSummary> Rebuild()
    {
        var team = new Dictionary<long, TeamMember>();
        IReadOnlyList<long> level = state.State.DirectMembers.ToList();
        for (var depth = 1; depth <= Levels && level.Count > 0; depth++)
        {
            var members = level.Select(id => GrainFactory.GetGrain<IReferralTreeGrain>(id)).ToList();
            var snapshots = await Task.WhenAll(members.Select(member => member.GetSelf()));
            foreach (var snapshot in snapshots)
            {
                team[snapshot.MemberId] = new TeamMember(depth, snapshot);
            }

            level = (await Task.WhenAll(members.Select(member => member.GetDirectMembers()))).SelectMany(ids => ids).ToList();
        }

        state.State.Team = team;
        foreach (var total in totals)
        {
            total.Clear();
        }

        foreach (var member in team.Values)
        {
            totals[member.Level].Add(member.Snapshot, 1);
        }

        dirty = true;
        await Flush();
        return await GetTeamSummary();
    }

    private async Task Changed(MemberSnapshot updated)
    {
        if (updated == Self)
        {
            return;
        }

        state.State.Self = updated;
        MarkDirty();
        await SendUp();
    }

    private Task SendUp() => Task.WhenAll(state.State.Upline.Select((ancestor, index) =>
        GrainFactory.GetGrain<IReferralTreeGrain>(ancestor).UpdateMember(index + 1, Self)));

    /// <summary>
    /// Arms a one-shot flush: a periodic timer on every player's tree grain would cost the silo a turn
    /// per player every few seconds whether anything changed or not.
    /// </summary>
    private void MarkDirty()
    {
        if (dirty)
        {
            return;
        }

        dirty = true;
        flushTimer ??= this.RegisterGrainTimer(_ => Flush(), new GrainTimerCreationOptions(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan));
        flushTimer.Change(options.Value.TeamFlushInterval, Timeout.InfiniteTimeSpan);
    }

    private async Task Flush()
    {
        if (!dirty)
        {
            return;
        }

        dirty = false;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            MarkDirty(); // try again on the next flush
            throw;
        }
    }

    private sealed class LevelTotals
    {
        public long Members { get; private set; }
        public Money Balance { get; private set; }
        public Money Recharge { get; private set; }
        public Money Withdrawal { get; private set; }

        public void Add(MemberSnapshot snapshot, int sign)
        {
            Members += sign;
            Balance += sign > 0 ? snapshot.Balance : -snapshot.Balance;
            Recharge += sign > 0 ? snapshot.TotalRecharge : -snapshot.TotalRecharge;
            Withdrawal += sign > 0 ? snapshot.TotalWithdrawal : -snapshot.TotalWithdrawal;
        }

        public void Clear() => (Members, Balance, Recharge, Withdrawal) = (0, Money.Zero, Money.Zero, Money.Zero);
    }
}
