using System.Security.Cryptography;
using GameServer.Wallet;
using Microsoft.Extensions.Options;

namespace GameServer.Grains.Wallet;

/// <summary>A player's saved payout methods, oldest first, their destinations sealed (<see cref="PayoutSealer"/>).</summary>
/// <remarks>The serializer ids are the stored layout of Production's grain state: keep them, add new ones.</remarks>
[GenerateSerializer]
public sealed class PayoutMethodsState
{
    /// <summary>
    /// The methods as the code before sealing kept them, destinations in the clear. Only read: an activation
    /// seals them into <see cref="Sealed"/> and writes this empty.
    /// </summary>
    [Id(0)] public List<PayoutMethod> Methods { get; set; } = [];

    /// <summary>The methods, oldest first, each destination sealed for its player and method id.</summary>
    [Id(1)] public List<SealedPayoutMethod> Sealed { get; set; } = [];
}

/// <summary>
/// A saved method as grain state keeps it: <see cref="PayoutMethod"/> with its destination sealed by
/// <see cref="PayoutSealer.SealMethod"/> (the kind, not secret, beside it for whoever reads the state).
/// </summary>
[GenerateSerializer]
public sealed record SealedPayoutMethod(
    [property: Id(0)] string MethodId,
    [property: Id(1)] PayoutKind Kind,
    [property: Id(2)] byte[] SealedDestination,
    [property: Id(3)] DateTimeOffset AddedAt,
    [property: Id(4)] DateTimeOffset ChangedAt,
    [property: Id(5)] DateTimeOffset UsableFrom);

/// <summary>
/// Keeps a player's payout methods (<see cref="IPayoutMethodsGrain"/>): every destination checked again
/// here, since this is where it is stored; each add or change stamps <see cref="PayoutMethod.UsableFrom"/>
/// with the game clock plus <see cref="WalletOptions.PayoutMethodCoolingOff"/>. The wallet asks it for
/// the method a withdrawal names and enforces the cooling-off itself.
/// </summary>
/// <remarks>
/// State at rest holds sealed destinations only; this activation holds them opened, in memory, which is where
/// duplicates are found. State written before sealing (plain <see cref="PayoutMethodsState.Methods"/>) and values
/// sealed under a previous key are resealed under the current key when the grain activates. A method whose
/// destination does not open is kept as it is, never dropped: asking for it, or for the list (or adding or
/// changing, which compare with every method), is <see cref="ErrorKind.OutOfService"/> until staff restore the
/// key; the player may still remove it.
/// </remarks>
public sealed class PayoutMethodsGrain(
    [PersistentState("payout-methods")] IPersistentState<PayoutMethodsState> state,
    GameClock clock,
    IOptions<WalletOptions> options,
    PayoutSealer sealer) : Grain, IPayoutMethodsGrain
{
    private const string MethodIdPrefix = "pm_";
    private const int MethodIdRandomBytes = 8;

    /// <summary>The saved methods, oldest first: as stored, and opened (null for one that does not open).</summary>
    private readonly List<(SealedPayoutMethod Stored, PayoutMethod? Opened)> methods = [];

    private long UserId => this.GetPrimaryKeyLong();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var resealed = false;
        foreach (var plain in state.State.Methods.Where(plain => state.State.Sealed.All(stored => stored.MethodId != plain.MethodId)))
        {
            methods.Add((Seal(plain), plain));
            resealed = true;
        }

        foreach (var stored in state.State.Sealed)
        {
            var opened = sealer.TryOpenMethod(UserId, stored.MethodId, stored.SealedDestination) is { } destination
                ? new PayoutMethod(stored.MethodId, destination, stored.AddedAt, stored.ChangedAt, stored.UsableFrom)
                : null;
            if (opened is not null && !sealer.IsUnderCurrentKey(stored.SealedDestination))
            {
                methods.Add((Seal(opened), opened));
                resealed = true;
            }
            else
            {
                methods.Add((stored, opened));
            }
        }

        if (resealed || state.State.Methods.Count > 0)
        {
            await Save();
        }
    }

    public Task<IReadOnlyList<PayoutMethod>> List() => Task.FromResult<IReadOnlyList<PayoutMethod>>(Readable());

    public Task<PayoutMethod> Get(string methodId) => Task.FromResult(Find(methodId).Opened ?? throw PayoutSealer.Unreadable());

    public async Task<PayoutMethod> Add(PayoutDestination destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var wanted = destination.Validated();
        var readable = Readable();
        if (readable.FirstOrDefault(method => method.Destination == wanted) is { } saved)
        {
            return saved;
        }

        if (readable.Count >= PayoutMethodRules.MaxSaved)
        {
            throw GameServerException.Conflict($"At most {PayoutMethodRules.MaxSaved} payout methods can be saved; remove one first.");
        }

        var now = clock.GetUtcNow();
        var added = new PayoutMethod(NewMethodId(), wanted, now, now, now + options.Value.PayoutMethodCoolingOff);
        methods.Add((Seal(added), added));
        await Save();
        return added;
    }

    public async Task<PayoutMethod> Change(string methodId, PayoutDestination destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var index = methods.IndexOf(Find(methodId));
        var wanted = destination.Validated();
        var readable = Readable();
        var current = readable[index];
        if (current.Destination == wanted)
        {
            return current;
        }

        if (readable.FirstOrDefault(method => method.Destination == wanted) is { } other)
        {
            throw GameServerException.Conflict($"This destination is already saved as payout method {other.MethodId}.");
        }

        // A new destination is a new target for the money: it waits out the cooling-off as a new method would.
        var now = clock.GetUtcNow();
        var changed = current with { Destination = wanted, ChangedAt = now, UsableFrom = now + options.Value.PayoutMethodCoolingOff };
        methods[index] = (Seal(changed), changed);
        await Save();
        return changed;
    }

    /// <remarks>Works on a method that does not open too: the player chose to forget it, nothing is dropped behind their back.</remarks>
    public async Task Remove(string methodId)
    {
        methods.Remove(Find(methodId));
        await Save();
    }

    /// <summary>Every method opened, in order; one that does not open refuses the whole list (its neighbours' duplicates cannot be ruled out).</summary>
    private List<PayoutMethod> Readable() =>
        methods.All(method => method.Opened is not null) ? [.. methods.Select(method => method.Opened!)] : throw PayoutSealer.Unreadable();

    private (SealedPayoutMethod Stored, PayoutMethod? Opened) Find(string methodId) =>
        methods.FirstOrDefault(method => string.Equals(method.Stored.MethodId, methodId, StringComparison.Ordinal)) is { Stored: not null } found
            ? found
            : throw GameServerException.NotFound("No saved payout method has this id.");

    private SealedPayoutMethod Seal(PayoutMethod method) =>
        new(method.MethodId, method.Destination.Kind, sealer.SealMethod(UserId, method.MethodId, method.Destination), method.AddedAt, method.ChangedAt, method.UsableFrom);

    /// <summary>Writes the sealed methods only; the plain list of the code before sealing goes empty.</summary>
    private Task Save()
    {
        state.State.Methods = [];
        state.State.Sealed = [.. methods.Select(method => method.Stored)];
        return state.WriteStateAsync();
    }

    /// <summary>Random rather than counted, so an id says nothing of how many methods a player has had.</summary>
    private static string NewMethodId() => MethodIdPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(MethodIdRandomBytes));
}
