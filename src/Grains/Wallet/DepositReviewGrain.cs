using GameServer.Grains.Journal;
using GameServer.Wallet;
using Orleans.Concurrency;

namespace GameServer.Grains.Wallet;

/// <summary>Staff's list of deposits credited past a responsible-play rule, read from the journal.</summary>
[StatelessWorker]
public sealed class DepositReviewGrain(ILedger ledger) : Grain, IDepositReviewGrain
{
    public Task<FlaggedDepositPage> ListFlagged(long? userId, int page, int limit) => ledger.ReadFlaggedDepositsAsync(userId, page, limit);
}
