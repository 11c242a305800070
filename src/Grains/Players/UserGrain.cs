using System.Security.Cryptography;
using GameServer.Players;
using GameServer.Referral;

namespace GameServer.Grains.Players;

[GenerateSerializer]
public sealed class UserState
{
    [Id(0)] public bool Exists { get; set; }
    [Id(1)] public string PhoneNumber { get; set; } = "";
    [Id(2)] public string PasswordHash { get; set; } = "";
    [Id(3)] public UserRole Role { get; set; }
    [Id(4)] public string InviteCode { get; set; } = "";
    [Id(5)] public long? InviterId { get; set; }
    [Id(6)] public List<long> Upline { get; set; } = [];
    [Id(7)] public DateTimeOffset RegisteredAt { get; set; }
    [Id(8)] public DateTimeOffset? LastLoginAt { get; set; }
    [Id(9)] public int VipLevel { get; set; }
}

public sealed class UserGrain(
    [PersistentState("user")] IPersistentState<UserState> state,
    PasswordHasher passwords,
    GameClock clock) : Grain, IUserGrain
{
    /// <summary>The one answer to a failed login, whatever failed.</summary>
    public const string WrongCredentials = "The phone number or password is wrong.";

    private const int InviteCodeAttempts = 16;

    private long UserId => this.GetPrimaryKeyLong();

    public async Task<UserProfile> Create(UserCreation creation)
    {
        if (state.State.Exists)
        {
            return state.State.PhoneNumber == creation.PhoneNumber
                ? Profile()
                : throw GameServerException.Conflict("This user id is taken.");
        }

        var upline = new List<long>();
        if (creation.InviterId is { } inviterId)
        {
            var inviter = await GrainFactory.GetGrain<IUserGrain>(inviterId).GetProfile();
            upline.Add(inviterId);
            upline.AddRange(inviter.Upline.Take(TeamRules.Levels - 1));
        }

        state.State = new UserState
        {
            Exists = true,
            PhoneNumber = creation.PhoneNumber,
            PasswordHash = await passwords.HashAsync(creation.Password),
            Role = creation.Role,
            InviteCode = await ClaimInviteCode(),
            InviterId = creation.InviterId,
            Upline = upline,
            RegisteredAt = clock.GetUtcNow(),
        };
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IReferralTreeGrain>(UserId).Join(upline);
        return Profile();
    }

    public async Task<UserProfile> Login(string password)
    {
        if (!state.State.Exists || !await passwords.VerifyAsync(password, state.State.PasswordHash))
        {
            throw GameServerException.Unauthorized(WrongCredentials);
        }

        if (passwords.NeedsUpgrade(state.State.PasswordHash))
        {
            try
            {
                state.State.PasswordHash = await passwords.HashAsync(password);
            }
            catch (GameServerException busy) when (busy.Kind == ErrorKind.Unavailable)
            {
                // The password was right: the login stands, and the stronger hash waits for a quieter login.
            }
        }

        var previousDay = state.State.LastLoginAt is { } last ? DateOnly.FromDateTime(last.UtcDateTime) : (DateOnly?)null;
        state.State.LastLoginAt = clock.GetUtcNow();
        await state.WriteStateAsync();
        var today = DateOnly.FromDateTime(state.State.LastLoginAt.Value.UtcDateTime);
        if (previousDay != today)
        {
            // The first login of a day makes the player active for their upline.
            GrainFactory.GetGrain<IReferralTreeGrain>(UserId).RecordActivity(today).Ignore();
        }

        return Profile();
    }

    public async Task<UserProfile> CheckPassword(string password) =>
        state.State.Exists && await passwords.VerifyAsync(password, state.State.PasswordHash)
            ? Profile()
            : throw GameServerException.Unauthorized(WrongCredentials);

    public Task<UserProfile> GetProfile() =>
        state.State.Exists ? Task.FromResult(Profile()) : throw GameServerException.NotFound("No such user.");

    public Task<bool> Exists() => Task.FromResult(state.State.Exists);

    private async Task<string> ClaimInviteCode()
    {
        for (var attempt = 0; attempt < InviteCodeAttempts; attempt++)
        {
            var code = RandomNumberGenerator.GetString(PlayerRules.InviteCodeAlphabet, PlayerRules.InviteCodeLength);
            if (await GrainFactory.GetGrain<IInviteCodeIndexGrain>(PlayerKeys.InviteCode(code)).TryClaim(UserId))
            {
                return code;
            }
        }

        throw new InvalidOperationException($"No free invite code after {InviteCodeAttempts} attempts.");
    }

    private UserProfile Profile() => new(
        UserId,
        state.State.PhoneNumber,
        state.State.Role,
        state.State.InviteCode,
        state.State.InviterId,
        state.State.RegisteredAt,
        state.State.LastLoginAt,
        state.State.VipLevel,
        state.State.Upline);
}
