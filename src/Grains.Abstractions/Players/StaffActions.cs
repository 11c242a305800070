namespace GameServer.Players;

/// <summary>What a staff member did (SPEC §4 "Staff audit trail"); the wire names are snake_case (<c>withdrawal_approved</c> …).</summary>
public enum StaffActionKind
{
    WithdrawalApproved,
    WithdrawalRejected,
    Credit,
    Debit,
    Suspend,
    Reinstate,
    RoleChange,
    VipOverride,
    Announcement,
}

/// <summary>
/// One record of the append-only staff audit trail: who (<see cref="StaffId"/>), when (<see cref="At"/>, UTC),
/// what (<see cref="Kind"/> and <see cref="Subject"/>: a withdrawal id, an amount in rupees, a role, a level, an
/// announcement id) to whom (<see cref="PlayerId"/>, none for an announcement) and why (<see cref="Reason"/>).
/// <see cref="ActionId"/> is unique: an action retried after a lost reply is recorded once.
/// Money actions are written in the same durable step as their ledger entry.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record StaffAction(
    [property: Id(0)] string ActionId,
    [property: Id(1)] long StaffId,
    [property: Id(2)] StaffActionKind Kind,
    [property: Id(3)] long? PlayerId,
    [property: Id(4)] string Subject,
    [property: Id(5)] string? Reason,
    [property: Id(6)] DateTimeOffset At);

/// <summary>Which staff actions to read: by staff member, by player, by kind (any may be null); newest first, 1-based pages.</summary>
[GenerateSerializer, Immutable]
public sealed record StaffActionQuery(
    [property: Id(0)] long? StaffId,
    [property: Id(1)] long? PlayerId,
    [property: Id(2)] StaffActionKind? Kind,
    [property: Id(3)] int Page,
    [property: Id(4)] int Limit);

/// <summary>One page of staff actions, newest first; <see cref="Total"/> counts every match.</summary>
[GenerateSerializer, Immutable]
public sealed record StaffActionPage(
    [property: Id(0)] IReadOnlyList<StaffAction> Items,
    [property: Id(1)] int Page,
    [property: Id(2)] int Limit,
    [property: Id(3)] long Total);

/// <summary>The staff audit trail as the frontend reaches it (the journal store lives in the silos). Key: 0.</summary>
public interface IStaffAuditTrailGrain : IGrainWithIntegerKey
{
    /// <summary>Appends a record; one with an <see cref="StaffAction.ActionId"/> already recorded changes nothing.</summary>
    Task Record(StaffAction action);

    Task<StaffActionPage> Read(StaffActionQuery query);
}

/// <summary>The wire names of <see cref="StaffActionKind"/>, and the rule every staff reason follows.</summary>
public static class StaffActions
{
    /// <summary>The longest reason a staff action keeps, in UTF-16 code units.</summary>
    public const int MaxReasonLength = 500;

    public static readonly IReadOnlyDictionary<string, StaffActionKind> WireNames = Enum.GetValues<StaffActionKind>()
        .ToDictionary(WireName, kind => kind, StringComparer.OrdinalIgnoreCase);

    public static string WireName(this StaffActionKind kind) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(kind.ToString());

    /// <summary>A required staff reason, trimmed: empty or longer than <see cref="MaxReasonLength"/> is <see cref="ErrorKind.Invalid"/>.</summary>
    public static string RequireReason(string? reason)
    {
        var trimmed = reason?.Trim();
        return string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxReasonLength
            ? throw GameServerException.Invalid($"reason is required (at most {MaxReasonLength} characters).")
            : trimmed;
    }
}
