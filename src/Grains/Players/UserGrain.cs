using System.Security.Cryptography;
using GameServer.Players;
using GameServer.Referral;
using GameServer.Wallet;

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

    /// <summary>The level of the player's lifetime turnover, as their wallet last told it.</summary>
    [Id(9)] public int VipLevel { get; set; }

    [Id(10)] public PlayerSuspension? Suspension { get; set; }
    [Id(11)] public int? VipOverride { get; set; }

    /// <summary>How many staff actions of this account were recorded: each one's audit-trail id takes the next number.</summary>
    [Id(12)] public int StaffActions { get; set; }
}

/// <summary>
/// One account (<see cref="IUserGrain"/>). Staff actions on it (suspension, role, VIP override) change its state
/// first, then carry out what follows from it (the wallet's flag, the sessions, the live connections) and record
/// the action under an id numbered in that state, so a retry after a failure part-way finishes the work and
/// records it once.
/// </summary>
public sealed class UserGrain(
    [PersistentState("user")] IPersistentState<UserState> state,
    PasswordHasher passwords,
    GameClock clock) : Grain, IUserGrain
{
    /// <summary>The one answer to a failed login, whatever failed.</summary>
    public const string WrongCredentials = "The phone number or password is wrong.";

    /// <summary>What a suspended player hears when they log in with the right password.</summary>
    public const string Suspended = "This account is suspended; please contact support.";

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

        if (state.State.Suspension is not null)
        {
            // Told only to whoever knows the password: the account's owner.
            throw GameServerException.Forbidden(Suspended);
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

    public async Task<UserProfile> Suspend(string reason, long staffId)
    {
        reason = StaffActions.RequireReason(reason);
        RequireExists();
        if (state.State.Role != UserRole.Player)
        {
            throw GameServerException.Conflict("A staff account cannot be suspended; change its role to player first.");
        }

        if (state.State.Suspension is null)
        {
            state.State.Suspension = new PlayerSuspension(reason, staffId, clock.GetUtcNow());
            state.State.StaffActions++;
            await state.WriteStateAsync();
        }

        // Also on a repeat: a suspension whose consequences failed part-way is finished by its retry.
        var suspension = state.State.Suspension;
        await GrainFactory.GetGrain<IWalletGrain>(UserId).SetSuspended(true);
        await GrainFactory.GetGrain<IPlayerSessionsGrain>(UserId).EndAll();
        await this.GetStreamProvider(GameStreams.ProviderName).GetStream<StaffNotice>(StaffNoticeStreams.All).OnNextAsync(new PlayerSuspended(UserId));
        await Record(StaffActionKind.Suspend, "suspended", suspension.Reason, suspension.SuspendedBy, suspension.SuspendedAt, $"suspend:{suspension.SuspendedAt.UtcTicks}");
        return Profile();
    }

    public async Task<UserProfile> Reinstate(string reason, long staffId)
    {
        reason = StaffActions.RequireReason(reason);
        RequireExists();
        if (state.State.Suspension is not null)
        {
            state.State.Suspension = null;
            state.State.StaffActions++;
            await state.WriteStateAsync();
            await GrainFactory.GetGrain<IWalletGrain>(UserId).SetSuspended(false);
            await Record(StaffActionKind.Reinstate, "reinstated", reason, staffId, clock.GetUtcNow());
        }
        else
        {
            // A repeat, or a reinstatement whose wallet call failed: the wallet follows the account.
            await GrainFactory.GetGrain<IWalletGrain>(UserId).SetSuspended(false);
        }

        return Profile();
    }

    public async Task<UserProfile> ChangeRole(UserRole role, string reason, long staffId)
    {
        reason = StaffActions.RequireReason(reason);
        RequireExists();
        if (staffId == UserId)
        {
            throw GameServerException.Conflict("Staff cannot change their own role.");
        }

        if (role != UserRole.Player && state.State.Suspension is not null)
        {
            throw GameServerException.Conflict("A suspended account cannot be given a staff role; reinstate it first.");
        }

        if (state.State.Role != role)
        {
            var from = state.State.Role;
            state.State.Role = role;
            state.State.StaffActions++;
            await state.WriteStateAsync();
            await Record(StaffActionKind.RoleChange, $"{from.WireName()} -> {role.WireName()}", reason, staffId, clock.GetUtcNow());
        }

        return Profile();
    }

    public async Task<UserProfile> OverrideVipLevel(int? level, string reason, long staffId)
    {
        reason = StaffActions.RequireReason(reason);
        if (level is < 0 or > VipLevels.Highest)
        {
            throw GameServerException.Invalid($"level must be 0 to {VipLevels.Highest}, or null to follow the turnover.");
        }

        RequireExists();
        if (state.State.VipOverride != level)
        {
            state.State.VipOverride = level;
            state.State.StaffActions++;
            await state.WriteStateAsync();
            await Record(StaffActionKind.VipOverride, level is { } fixedAt ? $"level {fixedAt}" : $"turnover level {state.State.VipLevel}", reason, staffId, clock.GetUtcNow());
        }

        return Profile();
    }

    public async Task SetTurnoverVipLevel(int level)
    {
        level = Math.Clamp(level, 0, VipLevels.Highest);
        if (state.State.Exists && state.State.VipLevel != level)
        {
            state.State.VipLevel = level;
            await state.WriteStateAsync();
        }
    }

    private void RequireExists()
    {
        if (!state.State.Exists)
        {
            throw GameServerException.NotFound("No such user.");
        }
    }

    /// <summary>
    /// Records a staff action on this account under <paramref name="key"/> (by default the action's number,
    /// <see cref="UserState.StaffActions"/>); recording it again changes nothing.
    /// </summary>
    private Task Record(StaffActionKind kind, string subject, string reason, long staffId, DateTimeOffset at, string? key = null) =>
        GrainFactory.GetGrain<IStaffAuditTrailGrain>(0).Record(
            new StaffAction($"user:{UserId}:{key ?? state.State.StaffActions.ToString(System.Globalization.CultureInfo.InvariantCulture)}", staffId, kind, UserId, subject, reason, at));

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
        state.State.VipOverride ?? state.State.VipLevel,
        state.State.Upline,
        state.State.Suspension,
        state.State.VipLevel,
        state.State.VipOverride);
}
