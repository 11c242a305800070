namespace GameServer.Players;

/// <summary>What makes a password and an invite code acceptable (SPEC §4); phone numbers are <see cref="PhoneNumberRules"/>.</summary>
public static class PlayerRules
{
    public const int PasswordMinLength = 8;
    public const int PasswordMaxLength = 128;
    public const int InviteCodeLength = 8;

    /// <summary>Invite code alphabet: no 0/O or 1/I to misread, and letters make a code never all digits.</summary>
    public const string InviteCodeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static string? PasswordProblem(string? password) => password switch
    {
        null or "" => "password is required.",
        _ when password.Length is < PasswordMinLength or > PasswordMaxLength
            => $"password must be {PasswordMinLength} to {PasswordMaxLength} characters.",
        _ => null,
    };

    public static string? InviteCodeProblem(string? code) => code switch
    {
        null or "" => null,
        _ when code.Length != InviteCodeLength || !code.ToUpperInvariant().All(InviteCodeAlphabet.Contains)
            => "invite_code does not exist.",
        _ => null,
    };
}
