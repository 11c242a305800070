namespace GameServer.Grains.Players;

/// <summary>The admin account ensured at silo start (<c>Admin</c> section).</summary>
public sealed class AdminAccountOptions
{
    public const string Section = "Admin";

    /// <summary>Development only: used when no admin is configured, and printed in the log.</summary>
    public const string DevelopmentPhoneNumber = "9000000000";
    public const string DevelopmentPassword = "dev-admin-password";

    public string? PhoneNumber { get; set; }
    public string? Password { get; set; }
}
