namespace GameServer.Wallet;

/// <summary>
/// One deposit order from creation to the gateway's verdict. Confirmation credits the wallet once,
/// however many times the gateway calls back. Key: the order id.
/// </summary>
public interface IDepositOrderGrain : IGrainWithStringKey
{
    /// <summary>
    /// Creates the order, reserving its amount against the player's daily deposit limit while it is
    /// pending (SPEC §6). The same id with the same request returns it; with another request it is
    /// <see cref="ErrorKind.Conflict"/>; a limit it would pass is <see cref="ErrorKind.Conflict"/>,
    /// self-exclusion <see cref="ErrorKind.Forbidden"/>.
    /// </summary>
    Task<DepositOrder> Create(long userId, Money amount, string gateway);

    Task<DepositOrder> GetOrder();

    /// <summary>Applies a verified gateway verdict for this order; a paid one is credited even past a limit, and flagged.</summary>
    Task<DepositOrder> Complete(bool paid, Money amount, string gateway);
}
