namespace GameServer.Wallet;

/// <summary>
/// A player's saved payout methods (SPEC §5): at most <see cref="PayoutMethodRules.MaxSaved"/>, each
/// usable for withdrawals only from its <see cref="PayoutMethod.UsableFrom"/>, the time of its last change
/// plus the cooling-off (<c>Wallet:PayoutMethodCoolingOff</c>). Key: user id, so a player reaches only
/// their own methods; an id of another player's method is simply unknown here. Answers carry the full
/// destination: callers mask it (<see cref="PayoutDestination.Masked"/>) for anyone but finance staff.
/// </summary>
public interface IPayoutMethodsGrain : IGrainWithIntegerKey
{
    /// <summary>The saved methods, oldest first.</summary>
    Task<IReadOnlyList<PayoutMethod>> List();

    /// <summary>One saved method; <see cref="ErrorKind.NotFound"/> for an id this player has not saved.</summary>
    Task<PayoutMethod> Get(string methodId);

    /// <summary>
    /// Saves <paramref name="destination"/> (checked again: <see cref="ErrorKind.Invalid"/>), usable after the
    /// cooling-off. The very destination saved already returns that method unchanged, its cooling-off not
    /// restarted, so a retried add is harmless. A destination beyond <see cref="PayoutMethodRules.MaxSaved"/>
    /// is <see cref="ErrorKind.Conflict"/>.
    /// </summary>
    Task<PayoutMethod> Add(PayoutDestination destination);

    /// <summary>
    /// Points a saved method at <paramref name="destination"/> and restarts its cooling-off; the destination
    /// it has already changes nothing. Unknown id: <see cref="ErrorKind.NotFound"/>; a destination another of
    /// the player's methods has: <see cref="ErrorKind.Conflict"/>; a bad one: <see cref="ErrorKind.Invalid"/>.
    /// </summary>
    Task<PayoutMethod> Change(string methodId, PayoutDestination destination);

    /// <summary>
    /// Forgets a saved method; withdrawals already requested to it keep their copy of its destination.
    /// Unknown id: <see cref="ErrorKind.NotFound"/>.
    /// </summary>
    Task Remove(string methodId);
}
