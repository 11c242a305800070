namespace GameServer.Wallet;

/// <summary>
/// The admins' view of withdrawals: a query over the journal's withdrawal records, and the decision,
/// which the player's wallet carries out. Stateless; key 0.
/// </summary>
public interface IWithdrawalDeskGrain : IGrainWithIntegerKey
{
    Task<WithdrawalPage> List(WithdrawalQuery query);

    /// <summary>
    /// Pays or rejects a pending withdrawal: <see cref="ErrorKind.NotFound"/> for an unknown id,
    /// <see cref="ErrorKind.Conflict"/> for one already decided (SPEC §5).
    /// </summary>
    Task<Withdrawal> Decide(string withdrawalId, bool approve, long adminId);
}
