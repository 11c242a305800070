namespace GameServer.Players;

/// <summary>What makes a phone number, a password and an invite code acceptable (SPEC §4).</summary>
public static class PlayerRules
{
    public const int PhoneMinDigits = 10;
    public const int PhoneMaxDigits = 15;
    public const int PasswordMinLength = 8;
    public const int PasswordMaxLength = 128;
    public const int InviteCodeLength = 8;

    /// <summary>Invite code alphabet: no 0/O or 1/I to misread, and letters make a code never all digits.</summary>
    public const string InviteCodeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static string? PhoneProblem(string? phone) => phone switch
    {
        null or "" => "phone_no is required.",
        _ when phone.Length is < PhoneMinDigits or > PhoneMaxDigits || !phone.All(char.IsAsciiDigit)
            => $"phone_no must be {PhoneMinDigits} to {PhoneMaxDigits} digits.",
        _ => null,
    };

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
