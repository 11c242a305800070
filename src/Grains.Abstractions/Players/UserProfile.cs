namespace GameServer.Players;

/// <summary>What a player or an admin may see of an account (never the password hash).</summary>
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
    [property: Id(8)] IReadOnlyList<long> Upline);
