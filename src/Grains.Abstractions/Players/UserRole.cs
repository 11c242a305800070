namespace GameServer.Players;

/// <summary>
/// What an account may do (SPEC §4 "Staff roles"). A player plays; staff run the platform: an
/// <see cref="Admin"/> may do everything, <see cref="Finance"/> works the withdrawal queue and sees payout
/// details and reports, <see cref="Support"/> looks players up read-only. Only admins change roles.
/// </summary>
public enum UserRole
{
    Player,
    Admin,
    Finance,
    Support,
}

/// <summary>The wire names of <see cref="UserRole"/> (<c>player</c>, <c>admin</c>, <c>finance</c>, <c>support</c>), the names tokens and JSON carry.</summary>
public static class UserRoles
{
    /// <summary>The staff roles that may read player records (SPEC §4).</summary>
    public static readonly IReadOnlySet<UserRole> Staff = new HashSet<UserRole> { UserRole.Admin, UserRole.Finance, UserRole.Support };

    /// <summary>The roles that work the withdrawal queue and see payout details (SPEC §4).</summary>
    public static readonly IReadOnlySet<UserRole> Finance = new HashSet<UserRole> { UserRole.Admin, UserRole.Finance };

    /// <summary>The role that may do everything, change roles included.</summary>
    public static readonly IReadOnlySet<UserRole> Admin = new HashSet<UserRole> { UserRole.Admin };

    /// <summary>The lower-case name a token's <c>role</c> claim and the JSON carry, e.g. <c>finance</c>.</summary>
    public static string WireName(this UserRole role) => role.ToString().ToLowerInvariant();

    /// <summary>The role named by <paramref name="name"/> (a wire name, any case); false for anything else.</summary>
    public static bool TryParse(string? name, out UserRole role)
    {
        role = UserRole.Player;
        return !string.IsNullOrWhiteSpace(name) && !name.Any(char.IsDigit) && Enum.TryParse(name, ignoreCase: true, out role) && Enum.IsDefined(role);
    }
}
