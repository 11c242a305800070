using GameServer.Grains.Journal;
using GameServer.Players;
using Orleans.Concurrency;

namespace GameServer.Grains.Players;

/// <summary>The staff audit trail for callers without the journal (the frontends, other grains); holds no state of its own.</summary>
[StatelessWorker]
public sealed class StaffAuditTrailGrain(IStaffAuditTrail trail) : Grain, IStaffAuditTrailGrain
{
    public Task Record(StaffAction action) => trail.RecordStaffActionAsync(action);

    public Task<StaffActionPage> Read(StaffActionQuery query) => trail.ReadStaffActionsAsync(query);
}
