namespace GameServer.Players;

/// <summary>
/// Keys of the players' index grains. None is an all-digit string: the ADO.NET storage provider
/// hashes such keys like integer keys, so a phone number used bare could collide with a user id.
/// </summary>
public static class PlayerKeys
{
    public const string UserIdSequence = "user-ids";

    public static string Phone(string phoneNumber) => $"phone:{phoneNumber}";

    public static string InviteCode(string code) => $"invite:{code.ToUpperInvariant()}";
}
