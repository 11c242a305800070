using GameServer.Players;

namespace GameServer.Grains.Journal;

/// <summary>
/// The append-only staff audit trail (SPEC §4): nothing in it is changed or deleted. A money action's record
/// is written with its ledger entry (<see cref="JournalAppend.Action"/>); other actions append here.
/// </summary>
public interface IStaffAuditTrail
{
    /// <summary>Appends a record; one whose <see cref="StaffAction.ActionId"/> is already recorded changes nothing.</summary>
    Task RecordStaffActionAsync(StaffAction action, CancellationToken cancellationToken = default);

    /// <summary>Records by staff member, player and kind, newest first.</summary>
    Task<StaffActionPage> ReadStaffActionsAsync(StaffActionQuery query, CancellationToken cancellationToken = default);
}
