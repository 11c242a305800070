using GameServer.Players;

namespace GameServer.Grains.Players;

[GenerateSerializer]
public sealed class PhoneIndexState
{
    [Id(0)] public long? UserId { get; set; }
    [Id(1)] public bool Completed { get; set; }
}

public sealed class PhoneIndexGrain(
    [PersistentState("phone-index")] IPersistentState<PhoneIndexState> state,
    PasswordHasher passwords) : Grain, IPhoneIndexGrain
{
    public async Task<UserProfile> Register(NewUser user)
    {
        // One account per subscriber holds only if every index key is the number's one canonical form.
        if (this.GetPrimaryKeyString() != PlayerKeys.Phone(user.PhoneNumber) || !PhoneNumberRules.IsCanonical(user.PhoneNumber))
        {
            throw GameServerException.Invalid("The phone number must be registered in its E.164 form under its own key.");
        }

        if (state.State.Completed)
        {
            throw GameServerException.Conflict("This phone number is already registered.");
        }

        long? inviterId = null;
        if (!string.IsNullOrEmpty(user.InviteCode))
        {
            inviterId = await GrainFactory.GetGrain<IInviteCodeIndexGrain>(PlayerKeys.InviteCode(user.InviteCode)).FindUserId()
                ?? throw GameServerException.Invalid("invite_code does not exist.");
        }

        // The claim is durable before the account is created, so a crash in between resumes with the
        // same user id on the next attempt instead of leaving an orphan or a second account.
        if (state.State.UserId is null)
        {
            state.State.UserId = await GrainFactory.GetGrain<IUserIdSequenceGrain>(PlayerKeys.UserIdSequence).Allocate();
            await state.WriteStateAsync();
        }

        var userId = state.State.UserId.Value;
        var profile = await GrainFactory.GetGrain<IUserGrain>(userId)
            .Create(new UserCreation(user.PhoneNumber, user.Password, inviterId, user.Role));

        state.State.Completed = true;
        await state.WriteStateAsync();
        return profile;
    }

    public async Task<UserProfile> Login(string password)
    {
        if (state.State.Completed && state.State.UserId is { } userId)
        {
            return await GrainFactory.GetGrain<IUserGrain>(userId).Login(password);
        }

        await passwords.VerifyAgainstDummyAsync(password);
        throw GameServerException.Unauthorized(UserGrain.WrongCredentials);
    }

    public async Task<UserProfile> Authenticate(string password)
    {
        if (state.State.Completed && state.State.UserId is { } userId)
        {
            return await GrainFactory.GetGrain<IUserGrain>(userId).CheckPassword(password);
        }

        await passwords.VerifyAgainstDummyAsync(password);
        throw GameServerException.Unauthorized(UserGrain.WrongCredentials);
    }

    public Task<long?> FindUserId() => Task.FromResult(state.State.Completed ? state.State.UserId : null);
}
