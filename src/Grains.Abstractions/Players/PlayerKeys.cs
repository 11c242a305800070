namespace GameServer.Players;

/// <summary>
/// Keys of the players' index grains. None is an all-digit string: the ADO.NET storage provider
/// hashes such keys like integer keys, so a phone number used bare could collide with a user id.
/// </summary>
public static class PlayerKeys
{
    public const string UserIdSequence = "user-ids";

    /// <summary>The phone index key of a number in E.164 form (<see cref="PhoneNumberRules.TryCanonicalize"/>).</summary>
    public static string Phone(string e164) => $"phone:{e164}";

    public static string InviteCode(string code) => $"invite:{code.ToUpperInvariant()}";
}
