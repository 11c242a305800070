namespace GameServer.Wallet;

/// <summary>
/// The admins' view of withdrawals: a query over the journal's withdrawal records, and the decision,
/// which the player's wallet carries out. Stateless; key 0.
/// </summary>
public interface IWithdrawalDeskGrain : IGrainWithIntegerKey
{
    Task<WithdrawalPage> List(WithdrawalQuery query);

    /// <summary>
    /// Pays or rejects a pending withdrawal, keeping the admin's optional <paramref name="reason"/> with the
    /// decision (<see cref="WithdrawalDecision.NormalizeReason"/>: trimmed, at most 500 characters, else
    /// <see cref="ErrorKind.Invalid"/>): <see cref="ErrorKind.NotFound"/> for an unknown id,
    /// <see cref="ErrorKind.Conflict"/> for one already decided (SPEC §5). Returns the decided withdrawal.
    /// </summary>
    Task<Withdrawal> Decide(string withdrawalId, bool approve, long adminId, string? reason = null);
}
