using System.Security.Cryptography;
using GameServer.Wallet;
using Microsoft.Extensions.Options;

namespace GameServer.Grains.Wallet;

/// <summary>A player's saved payout methods, oldest first.</summary>
/// <remarks>The serializer ids are the stored layout of Production's grain state: keep them.</remarks>
[GenerateSerializer]
public sealed class PayoutMethodsState
{
    [Id(0)] public List<PayoutMethod> Methods { get; set; } = [];
}

/// <summary>
/// Keeps a player's payout methods (<see cref="IPayoutMethodsGrain"/>): every destination checked again
/// here, since this is where it is stored; each add or change stamps <see cref="PayoutMethod.UsableFrom"/>
/// with the game clock plus <see cref="WalletOptions.PayoutMethodCoolingOff"/>. The wallet asks it for
/// the method a withdrawal names and enforces the cooling-off itself.
/// </summary>
public sealed class PayoutMethodsGrain(
    [PersistentState("payout-methods")] IPersistentState<PayoutMethodsState> state,
    GameClock clock,
    IOptions<WalletOptions> options) : Grain, IPayoutMethodsGrain
{
    private const string MethodIdPrefix = "pm_";
    private const int MethodIdRandomBytes = 8;

    private List<PayoutMethod> Methods => state.State.Methods;

    public Task<IReadOnlyList<PayoutMethod>> List() => Task.FromResult<IReadOnlyList<PayoutMethod>>([.. Methods]);

    public Task<PayoutMethod> Get(string methodId) => Task.FromResult(Find(methodId));

    public async Task<PayoutMethod> Add(PayoutDestination destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var wanted = destination.Validated();
        if (Methods.FirstOrDefault(method => method.Destination == wanted) is { } saved)
        {
            return saved;
        }

        if (Methods.Count >= PayoutMethodRules.MaxSaved)
        {
            throw GameServerException.Conflict($"At most {PayoutMethodRules.MaxSaved} payout methods can be saved; remove one first.");
        }

        var now = clock.GetUtcNow();
        var added = new PayoutMethod(NewMethodId(), wanted, now, now, now + options.Value.PayoutMethodCoolingOff);
        Methods.Add(added);
        await state.WriteStateAsync();
        return added;
    }

    public async Task<PayoutMethod> Change(string methodId, PayoutDestination destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var current = Find(methodId);
        var wanted = destination.Validated();
        if (current.Destination == wanted)
        {
            return current;
        }

        if (Methods.FirstOrDefault(method => method.Destination == wanted) is { } other)
        {
            throw GameServerException.Conflict($"This destination is already saved as payout method {other.MethodId}.");
        }

        // A new destination is a new target for the money: it waits out the cooling-off as a new method would.
        var now = clock.GetUtcNow();
        var changed = current with { Destination = wanted, ChangedAt = now, UsableFrom = now + options.Value.PayoutMethodCoolingOff };
        Methods[Methods.IndexOf(current)] = changed;
        await state.WriteStateAsync();
        return changed;
    }

    public async Task Remove(string methodId)
    {
        Methods.Remove(Find(methodId));
        await state.WriteStateAsync();
    }

    private PayoutMethod Find(string methodId) =>
        Methods.FirstOrDefault(method => string.Equals(method.MethodId, methodId, StringComparison.Ordinal))
            ?? throw GameServerException.NotFound("No saved payout method has this id.");

    /// <summary>Random rather than counted, so an id says nothing of how many methods a player has had.</summary>
    private static string NewMethodId() => MethodIdPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(MethodIdRandomBytes));
}
