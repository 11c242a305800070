namespace GameServer.Wallet;

public enum WithdrawalStatus
{
    Pending,
    Paid,
    Rejected,
}

[GenerateSerializer, Immutable]
public sealed record Withdrawal(
    [property: Id(0)] string WithdrawalId,
    [property: Id(1)] long UserId,
    [property: Id(2)] Money Amount,
    [property: Id(3)] WithdrawalStatus Status,
    [property: Id(4)] DateTimeOffset RequestedAt,
    [property: Id(5)] long? DecidedBy,
    [property: Id(6)] DateTimeOffset? DecidedAt);

/// <summary>
/// The admins' queue of withdrawals: every request is filed here by the wallet that holds its funds,
/// and each is decided once. Key: <see cref="WithdrawalDeskKey"/>.
/// </summary>
public interface IWithdrawalDeskGrain : IGrainWithStringKey
{
    public const string WithdrawalDeskKey = "withdrawals";

    /// <summary>Files a request; filing the same id again changes nothing.</summary>
    Task File(Withdrawal withdrawal);

    Task<IReadOnlyList<Withdrawal>> List(WithdrawalStatus status, int page, int limit);

    /// <summary>Pays or rejects a pending withdrawal; a decided one is <see cref="ErrorKind.Conflict"/>.</summary>
    Task<Withdrawal> Decide(string withdrawalId, bool approve, long adminId);
}
