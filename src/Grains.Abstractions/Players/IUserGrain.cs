namespace GameServer.Players;

/// <summary>One account: profile, password hash, role, invite code, upline, VIP level and suspension. Key: user id.</summary>
public interface IUserGrain : IGrainWithIntegerKey
{
    /// <summary>Creates the account; a repeat for the same phone number returns the existing profile.</summary>
    Task<UserProfile> Create(UserCreation creation);

    /// <summary>
    /// Checks the password and records the login; a wrong password is <see cref="ErrorKind.Unauthorized"/>, a
    /// suspended account (right password) <see cref="ErrorKind.Forbidden"/> (SPEC §4).
    /// </summary>
    Task<UserProfile> Login(string password);

    /// <summary>Checks the password and changes nothing (no login is recorded); a wrong one is <see cref="ErrorKind.Unauthorized"/>.</summary>
    Task<UserProfile> CheckPassword(string password);

    /// <summary>The profile, or <see cref="ErrorKind.NotFound"/> when no such account exists.</summary>
    Task<UserProfile> GetProfile();

    /// <summary>True once the account exists.</summary>
    Task<bool> Exists();

    /// <summary>
    /// Staff action (SPEC §4): suspends a player with a reason (1–500 characters). The player can no longer log
    /// in, bet, deposit or withdraw; their sessions and live connections end; bets already placed settle and the
    /// money stays. Recorded in the staff audit trail. Repeating it on a suspended player changes nothing and
    /// returns the profile. A staff account is <see cref="ErrorKind.Conflict"/> (change its role first); no such
    /// account <see cref="ErrorKind.NotFound"/>.
    /// </summary>
    Task<UserProfile> Suspend(string reason, long staffId);

    /// <summary>Staff action: lifts a suspension, with a reason; recorded. Repeating it on an active account changes nothing.</summary>
    Task<UserProfile> Reinstate(string reason, long staffId);

    /// <summary>
    /// Admin action (SPEC §4): gives the account <paramref name="role"/>, with a reason; recorded. An admin
    /// cannot change their own role (<see cref="ErrorKind.Conflict"/>), so the platform always keeps the admin
    /// who acts. The new role is in force at once on staff endpoints, in tokens from the next refresh.
    /// </summary>
    Task<UserProfile> ChangeRole(UserRole role, string reason, long staffId);

    /// <summary>
    /// Admin action (SPEC §4): fixes the VIP level at <paramref name="level"/> (0–10) whatever the turnover, or
    /// with null returns the player to their turnover's level; with a reason; recorded.
    /// </summary>
    Task<UserProfile> OverrideVipLevel(int? level, string reason, long staffId);

    /// <summary>The player's wallet tells the level its lifetime turnover reached (0–10); an absolute figure, so a repeat or a late one is harmless.</summary>
    Task SetTurnoverVipLevel(int level);
}
