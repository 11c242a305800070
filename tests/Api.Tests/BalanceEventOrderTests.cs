using GameServer.ApiFrontend.Realtime;
using GameServer.Wallet;

namespace GameServer.Api.Tests;

public sealed class BalanceEventOrderTests
{
    [Fact]
    public async Task An_older_balance_arriving_after_a_newer_one_is_sent_with_the_newer_one_and_seqs_never_go_back()
    {
        var order = new BalanceEventOrder();
        var sent = new List<(long Seq, Money Balance, bool Moved)>();
        Task Record(Balance balance, bool moved)
        {
            sent.Add((balance.LastSeq, balance.Available, moved));
            return Task.CompletedTask;
        }

        await order.SendInLedgerOrder(new Balance(new Money(19_650), Money.Zero, 6), Record);
        await order.SendInLedgerOrder(new Balance(new Money(18_682), Money.Zero, 5), Record);
        await order.SendInLedgerOrder(new Balance(new Money(20_000), new Money(100), 7), Record);

        Assert.Equal([(6L, new Money(19_650), true), (6L, new Money(19_650), false), (7L, new Money(20_000), true)], sent);
    }

    [Fact]
    public async Task Sends_of_one_player_run_one_after_another_even_when_started_together()
    {
        var order = new BalanceEventOrder();
        var running = 0;
        var overlapped = false;
        var seqs = new System.Collections.Concurrent.ConcurrentQueue<long>();

        await Task.WhenAll(Enumerable.Range(1, 50).Select(seq => order.SendInLedgerOrder(new Balance(new Money(seq), Money.Zero, seq), async (balance, _) =>
        {
            overlapped |= Interlocked.Increment(ref running) > 1;
            await Task.Delay(1);
            seqs.Enqueue(balance.LastSeq);
            Interlocked.Decrement(ref running);
        })));

        Assert.False(overlapped);
        Assert.Equal(seqs.Order(), seqs);
        Assert.Equal(50, seqs.Last());
    }
}
