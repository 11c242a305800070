using GameServer.Grains.Journal;
using GameServer.Wallet;
using Orleans.Concurrency;

namespace GameServer.Grains.Wallet;

/// <summary>
/// Lists withdrawal requests from the journal and hands a decision to the wallet that holds the
/// funds. Holds no state of its own: every request and decision is a journal record.
/// </summary>
[StatelessWorker]
public sealed class WithdrawalDeskGrain(ILedger ledger) : Grain, IWithdrawalDeskGrain
{
    public Task<WithdrawalPage> List(WithdrawalQuery query) => ledger.ReadWithdrawalsAsync(query);

    public async Task<Withdrawal> Decide(string withdrawalId, bool approve, long adminId, string? reason = null)
    {
        reason = WithdrawalDecision.NormalizeReason(reason);
        var request = await ledger.ReadWithdrawalAsync(withdrawalId) ?? throw GameServerException.NotFound("No such withdrawal.");
        return await GrainFactory.GetGrain<IWalletGrain>(request.UserId).SettleWithdrawal(withdrawalId, approve, adminId, reason);
    }
}
