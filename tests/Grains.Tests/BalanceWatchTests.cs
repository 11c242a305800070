using System.Collections.Concurrent;
using GameServer.Games;
using GameServer.Testing;
using GameServer.Wallet;

namespace GameServer.Grains.Tests;

/// <summary>SPEC §7: every change of a balance is told, with the seq of the entry that made it.</summary>
[Collection(GamesCollection.Name)]
public sealed class BalanceWatchTests(GameClusterFixture fixture)
{
    private sealed class Recorder : IBalanceObserver
    {
        public ConcurrentQueue<(long UserId, Balance Balance, LedgerEntryType Cause)> Heard { get; } = new();

        public Task BalanceChanged(long userId, Balance balance, LedgerEntryType cause)
        {
            Heard.Enqueue((userId, balance, cause));
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task A_watcher_hears_every_entry_type_with_the_seq_and_balances_of_its_entry()
    {
        var recorder = new Recorder();
        var watcher = fixture.Client.CreateObjectReference<IBalanceObserver>(recorder);
        var key = new GameKey(GameId.Wingo, 60);
        var period = await fixture.StartNextPeriod(key);
        var wallet = fixture.Client.GetGrain<IWalletGrain>(GameDriver.NewPlayerId());
        await wallet.Watch(watcher);

        await wallet.CreditDeposit($"dep-{Guid.NewGuid():N}", Money.FromMajor(1000), "test");
        foreach (var size in new[] { "big", "small" })
        {
            await wallet.PlaceBet(new BetRequest($"watch-{size}-{Guid.NewGuid():N}", key, period.PeriodId, GameDriver.Bet(GameId.Wingo, "size", size), Money.FromMajor(10)));
        }

        await fixture.EndPeriod(period);
        var (rejected, paid) = ($"w-{Guid.NewGuid():N}", $"w-{Guid.NewGuid():N}");
        await wallet.RequestWithdrawal(rejected, Money.FromMajor(100), await fixture.Client.TestPayoutMethod(wallet));
        await wallet.SettleWithdrawal(rejected, paid: false, adminId: 1);
        await wallet.RequestWithdrawal(paid, Money.FromMajor(50), await fixture.Client.TestPayoutMethod(wallet));
        await wallet.SettleWithdrawal(paid, paid: true, adminId: 1);
        await wallet.AdminAdjust($"credit-{Guid.NewGuid():N}", Money.FromMajor(7), "goodwill", adminId: 1);
        await wallet.AdminAdjust($"debit-{Guid.NewGuid():N}", -Money.FromMajor(2), "correction", adminId: 1);
        await wallet.CreditBonus($"attendance-{Guid.NewGuid():N}", LedgerEntryType.AttendanceBonus, Money.FromMajor(5), "attendance:day-1");
        await wallet.CreditBonus($"commission-{Guid.NewGuid():N}", LedgerEntryType.ReferralCommission, Money.FromMajor(3), "commission");
        await wallet.CreditBonus($"rebate-{Guid.NewGuid():N}", LedgerEntryType.Rebate, Money.FromMajor(1), "rebate");
        await wallet.RefundBets([new BetRecord($"void-{Guid.NewGuid():N}", wallet.GetPrimaryKeyLong(), key, period.PeriodId,
            GameDriver.Bet(GameId.Wingo, "size", "big"), Money.FromMajor(4), DateTimeOffset.UtcNow)]);

        var entries = (await wallet.GetTransactions(1, 100)).Entries.OrderBy(entry => entry.Seq).ToList();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (recorder.Heard.Count < entries.Count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        var heard = recorder.Heard.OrderBy(told => told.Balance.LastSeq).ToList();
        Assert.Equal(Enum.GetValues<LedgerEntryType>().Order(), heard.Select(told => told.Cause).Distinct().Order());
        Assert.Equal(entries.Select(entry => entry.Seq), heard.Select(told => told.Balance.LastSeq));
        Assert.All(heard.Zip(entries), pair =>
        {
            var ((userId, balance, cause), entry) = pair;
            Assert.Equal((wallet.GetPrimaryKeyLong(), entry.Type, entry.BalanceAfter, entry.HeldAfter), (userId, cause, balance.Available, balance.Held));
        });
    }
}
