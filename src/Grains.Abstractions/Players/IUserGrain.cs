namespace GameServer.Players;

/// <summary>One account: profile, password hash, role, invite code and upline. Key: user id.</summary>
public interface IUserGrain : IGrainWithIntegerKey
{
    /// <summary>Creates the account; a repeat for the same phone number returns the existing profile.</summary>
    Task<UserProfile> Create(UserCreation creation);

    /// <summary>Checks the password and records the login; a wrong password is <see cref="ErrorKind.Unauthorized"/>.</summary>
    Task<UserProfile> Login(string password);

    /// <summary>Checks the password and changes nothing (no login is recorded); a wrong one is <see cref="ErrorKind.Unauthorized"/>.</summary>
    Task<UserProfile> CheckPassword(string password);

    /// <summary>The profile, or <see cref="ErrorKind.NotFound"/> when no such account exists.</summary>
    Task<UserProfile> GetProfile();

    /// <summary>True once the account exists.</summary>
    Task<bool> Exists();
}
