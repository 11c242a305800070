namespace GameServer.Players;

/// <summary>
/// What a player or a staff member may see of an account (never the password hash). <see cref="VipLevel"/>
/// is the level in force: the admin's override when there is one (<see cref="VipOverride"/>), otherwise the
/// level of the player's lifetime turnover (<see cref="TurnoverVipLevel"/>, SPEC §4 "VIP levels").
/// <see cref="Suspension"/> is set while staff have suspended the account (SPEC §4 "Suspension").
/// </summary>
[GenerateSerializer, Immutable]
public sealed record UserProfile(
    [property: Id(0)] long UserId,
    [property: Id(1)] string PhoneNumber,
    [property: Id(2)] UserRole Role,
    [property: Id(3)] string InviteCode,
    [property: Id(4)] long? InviterId,
    [property: Id(5)] DateTimeOffset RegisteredAt,
    [property: Id(6)] DateTimeOffset? LastLoginAt,
    [property: Id(7)] int VipLevel,
    [property: Id(8)] IReadOnlyList<long> Upline,
    [property: Id(9)] PlayerSuspension? Suspension = null,
    [property: Id(10)] int TurnoverVipLevel = 0,
    [property: Id(11)] int? VipOverride = null)
{
    public bool IsSuspended => Suspension is not null;
}

/// <summary>Why, by whom (a staff user id) and since when (UTC) an account is suspended.</summary>
[GenerateSerializer, Immutable]
public sealed record PlayerSuspension(
    [property: Id(0)] string Reason,
    [property: Id(1)] long SuspendedBy,
    [property: Id(2)] DateTimeOffset SuspendedAt);
