using Orleans.Concurrency;

namespace GameServer.Wallet;

/// <summary>
/// Hears every change of a watched player's balance (SPEC §7 <c>balanceChanged</c>): the balance and
/// held funds after the change, stamped with the ledger seq of the entry that made it, and the entry's
/// type. Implemented by each frontend for the players it holds connections of
/// (<see cref="IWalletGrain.Watch"/>). Best effort, like every live event: a client re-reads its
/// balance over HTTP after a gap.
/// </summary>
public interface IBalanceObserver : IGrainObserver
{
    [OneWay]
    Task BalanceChanged(long userId, Balance balance, LedgerEntryType cause);
}
