namespace GameServer.Players;

/// <summary>A validated registration request: phone digits, password in clear (hashed by the user grain).</summary>
[GenerateSerializer, Immutable]
public sealed record NewUser(
    [property: Id(0)] string PhoneNumber,
    [property: Id(1)] string Password,
    [property: Id(2)] string? InviteCode,
    [property: Id(3)] UserRole Role = UserRole.Player);

/// <summary>What the phone index hands the user grain once the phone number is claimed.</summary>
[GenerateSerializer, Immutable]
public sealed record UserCreation(
    [property: Id(0)] string PhoneNumber,
    [property: Id(1)] string Password,
    [property: Id(2)] long? InviterId,
    [property: Id(3)] UserRole Role);
