namespace GameServer.Players;

/// <summary>
/// The unique phone number → user id lookup, and the place where registration is serialised: two
/// registrations of one number meet in this grain's single turn, so exactly one wins.
/// Key: <see cref="PlayerKeys.Phone"/>.
/// </summary>
public interface IPhoneIndexGrain : IGrainWithStringKey
{
    /// <summary>Registers a new account for this phone number; <see cref="ErrorKind.Conflict"/> if it has one.</summary>
    Task<UserProfile> Register(NewUser user);

    /// <summary>
    /// Logs in to the account of this number. An unknown number costs the same password hashing as a
    /// wrong password and gives the same <see cref="ErrorKind.Unauthorized"/>, so neither the answer
    /// nor its timing tells whether the number has an account (OWASP Authentication Cheat Sheet).
    /// </summary>
    Task<UserProfile> Login(string password);

    /// <summary>
    /// Checks the password of this number's account without recording a login (staff tools such as
    /// the dashboard), at the same cost for an unknown number; a failure is <see cref="ErrorKind.Unauthorized"/>.
    /// </summary>
    Task<UserProfile> Authenticate(string password);

    /// <summary>The account registered with this number, if any.</summary>
    Task<long?> FindUserId();
}
