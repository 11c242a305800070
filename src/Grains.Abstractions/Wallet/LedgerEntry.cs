namespace GameServer.Wallet;

/// <summary>
/// One append-only change of an account. <see cref="Amount"/> is the signed change of the spendable
/// balance and <see cref="HeldChange"/> that of funds held for withdrawals; a withdrawal hold moves
/// money from one to the other, a paid withdrawal takes it out of held funds.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record LedgerEntry(
    [property: Id(0)] long AccountId,
    [property: Id(1)] long Seq,
    [property: Id(2)] string OperationId,
    [property: Id(3)] LedgerEntryType Type,
    [property: Id(4)] Money Amount,
    [property: Id(5)] Money HeldChange,
    [property: Id(6)] Money BalanceAfter,
    [property: Id(7)] Money HeldAfter,
    [property: Id(8)] string Reference,
    [property: Id(9)] string? Memo,
    [property: Id(10)] DateTimeOffset CreatedAt)
{
    public string EntryId => $"{AccountId}-{Seq}";

}
