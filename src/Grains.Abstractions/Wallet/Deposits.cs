namespace GameServer.Wallet;

public enum DepositStatus
{
    Pending,
    Paid,
    Failed,
}

[GenerateSerializer, Immutable]
public sealed record DepositOrder(
    [property: Id(0)] string OrderId,
    [property: Id(1)] long UserId,
    [property: Id(2)] Money Amount,
    [property: Id(3)] string Gateway,
    [property: Id(4)] DepositStatus Status,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] DateTimeOffset? CompletedAt);

/// <summary>
/// One deposit order from creation to the gateway's verdict. Confirmation credits the wallet once,
/// however many times the gateway calls back. Key: the order id.
/// </summary>
public interface IDepositOrderGrain : IGrainWithStringKey
{
    /// <summary>Creates the order; the same id with the same amount returns it, with another amount is a conflict.</summary>
    Task<DepositOrder> Create(long userId, Money amount, string gateway);

    Task<DepositOrder> GetOrder();

    /// <summary>Applies a verified gateway verdict for this order.</summary>
    Task<DepositOrder> Complete(bool paid, Money amount, string gateway);
}
