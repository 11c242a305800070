using System.Security.Cryptography;
using GameServer.Games;
using GameServer.Testing;
using GameServer.Wallet;
using Orleans.Streams;

namespace GameServer.Grains.Tests;

[Collection(GamesCollection.Name)]
public sealed class GamePeriodGrainTests(GameClusterFixture fixture)
{
    private static readonly Money Funds = Money.FromMajor(1000);

    [Fact]
    public async Task A_round_with_bets_from_100_players_settles_every_bet_exactly_once_and_conserves_money()
    {
        var key = new GameKey(GameId.Wingo, 60);
        var period = await fixture.StartNextPeriod(key);
        var bets = new List<(IWalletGrain Wallet, BetRequest Bet)>();
        for (var player = 0; player < 100; player++)
        {
            var wallet = await fixture.FundedWallet(Funds);
            var selection = (player % 3) switch
            {
                0 => GameDriver.Bet(GameId.Wingo, "number", $"{player % 10}"),
                1 => GameDriver.Bet(GameId.Wingo, "color", player % 2 == 0 ? "green" : "violet"),
                _ => GameDriver.Bet(GameId.Wingo, "size", player % 2 == 0 ? "big" : "small"),
            };
            var bet = new BetRequest($"round-{period.PeriodId}-{player}", key, period.PeriodId, selection, Money.FromMajor(10 + player));
            await wallet.PlaceBet(bet);
            bets.Add((wallet, bet));
        }

        await fixture.EndPeriod(period);
        await fixture.Game(key).CatchUp(); // a second pass pays nothing twice

        var result = (await fixture.Game(key).GetPeriod(period.PeriodId)).Result!;
        var recorded = await fixture.Ledger.ReadPeriodBetsAsync(key, period.PeriodId);
        Assert.Equal(100, recorded.Count);
        Assert.All(recorded, bet => Assert.NotNull(bet.Outcome));
        foreach (var (wallet, bet) in bets)
        {
            var payout = Payouts.Payout(GameId.Wingo, bet.Selection, result, bet.Stake);
            Assert.Equal(Funds - bet.Stake + payout, (await wallet.GetBalance()).Available);
            var payoutEntry = await fixture.Ledger.FindOperationAsync(wallet.GetPrimaryKeyLong(), $"settle:{bet.BetId}");
            Assert.Equal(payout.IsPositive, payoutEntry is not null);
        }

        var audit = await fixture.Client.GetGrain<ILedgerAuditGrain>(0).Audit();
        Assert.True(audit.Conserved, string.Join("; ", audit.Violations));
    }

    [Fact]
    public async Task Settlement_tells_each_player_once_in_batched_notices_winners_with_their_balance_after_the_payout()
    {
        var key = new GameKey(GameId.Wingo, 60);
        var notices = new System.Collections.Concurrent.ConcurrentQueue<PlayersSettled>();
        var stream = fixture.Client.GetStreamProvider(GameStreams.ProviderName).GetStream<GameEvent>(GameStreamIds.ForGame(key));
        var subscription = await stream.SubscribeAsync((gameEvent, _) =>
        {
            if (gameEvent is PlayersSettled settled)
            {
                notices.Enqueue(settled);
            }

            return Task.CompletedTask;
        });
        try
        {
            var period = await fixture.StartNextPeriod(key);
            var wallets = new Dictionary<long, (IWalletGrain Wallet, BetRequest Bet)>();
            for (var player = 0; player < 20; player++)
            {
                var wallet = await fixture.FundedWallet(Funds);
                var bet = new BetRequest($"notice-{period.PeriodId}-{player}", key, period.PeriodId,
                    GameDriver.Bet(GameId.Wingo, "number", $"{player % 10}"), Money.FromMajor(10));
                await wallet.PlaceBet(bet);
                wallets[wallet.GetPrimaryKeyLong()] = (wallet, bet);
            }

            await fixture.EndPeriod(period);
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (notices.Where(n => n.PeriodId == period.PeriodId).Sum(n => n.Players.Count) < wallets.Count && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }

            var told = notices.Where(n => n.PeriodId == period.PeriodId).SelectMany(n => n.Players).ToList();
            Assert.Equal(wallets.Keys.Order(), told.Select(p => p.UserId).Order());
            foreach (var player in told)
            {
                var (wallet, bet) = wallets[player.UserId];
                var settled = Assert.Single(player.Bets);
                Assert.Equal(bet.BetId, settled.BetId);
                Assert.Equal(settled.Won, settled.Payout.IsPositive);
                Assert.Equal(settled.Won ? (await wallet.GetBalance()).Available : null, player.BalanceAfterPayout?.Available);
            }

            Assert.Contains(told, p => p.Bets[0].Won);
            Assert.Contains(told, p => !p.Bets[0].Won);
        }
        finally
        {
            await subscription.UnsubscribeAsync();
        }
    }

    [Fact]
    public async Task A_late_bet_is_refused_and_moves_no_money()
    {
        var key = new GameKey(GameId.K3, 60);
        var period = await fixture.StartNextPeriod(key);
        var wallet = await fixture.FundedWallet(Funds);
        fixture.Clock.SetUtcNow(period.BettingClosesAt);

        var bet = new BetRequest($"late-{Guid.NewGuid():N}", key, null, GameDriver.Bet(GameId.K3, "any_triple", ""), Money.FromMajor(5));
        var refused = await Assert.ThrowsAsync<GameServerException>(() => wallet.PlaceBet(bet));

        Assert.Equal(ErrorKind.Conflict, refused.Kind);
        Assert.Equal(Funds, (await wallet.GetBalance()).Available);
        Assert.Null(await fixture.Ledger.FindOperationAsync(wallet.GetPrimaryKeyLong(), $"bet:{bet.BetId}"));
    }

    [Fact]
    public async Task A_bet_for_another_period_than_the_open_one_is_refused()
    {
        var key = new GameKey(GameId.Trx, 60);
        var period = await fixture.StartNextPeriod(key);
        var wallet = await fixture.FundedWallet(Funds);

        var bet = new BetRequest($"other-{Guid.NewGuid():N}", key, Schedule.Next(period).PeriodId, GameDriver.Bet(GameId.Trx, "size", "big"), Money.FromMajor(5));
        var refused = await Assert.ThrowsAsync<GameServerException>(() => wallet.PlaceBet(bet));

        Assert.Equal(ErrorKind.Conflict, refused.Kind);
    }

    [Fact]
    public async Task The_commit_published_at_open_is_the_sha256_of_the_seed_revealed_at_close()
    {
        var key = new GameKey(GameId.FiveD, 180);
        var period = await fixture.StartNextPeriod(key);
        var open = await fixture.Game(key).GetOpenPeriod();
        var before = await fixture.Game(key).GetPeriod(period.PeriodId);
        Assert.Null(before.Seed);

        await fixture.EndPeriod(period);
        var proof = await fixture.Game(key).GetPeriod(period.PeriodId);

        Assert.Equal(period.PeriodId, open.Period.PeriodId);
        Assert.Equal(open.Commit, proof.Commit);
        var seed = Convert.FromHexString(proof.Seed!);
        Assert.Equal(open.Commit, Convert.ToHexStringLower(SHA256.HashData(seed)));
        Assert.Equal(FairDraw.Draw(key, period.PeriodId, seed).Values, proof.Result!.Values);
    }

    [Fact]
    public async Task The_same_bet_id_twice_stakes_once()
    {
        var key = new GameKey(GameId.Wingo, 30);
        var period = await fixture.StartNextPeriod(key);
        var wallet = await fixture.FundedWallet(Funds);
        var bet = new BetRequest($"twice-{Guid.NewGuid():N}", key, period.PeriodId, GameDriver.Bet(GameId.Wingo, "color", "red"), Money.FromMajor(7));

        var first = await wallet.PlaceBet(bet);
        var second = await wallet.PlaceBet(bet);

        Assert.Equal(first.PeriodId, second.PeriodId);
        Assert.Equal(Funds - Money.FromMajor(7), (await wallet.GetBalance()).Available);
    }

    [Fact]
    public async Task No_more_than_fifty_bets_per_player_per_period()
    {
        var key = new GameKey(GameId.Wingo, 180);
        var period = await fixture.StartNextPeriod(key);
        var wallet = await fixture.FundedWallet(Funds);

        for (var i = 0; i < 50; i++)
        {
            await wallet.PlaceBet(new BetRequest($"fifty-{period.PeriodId}-{wallet.GetPrimaryKeyLong()}-{i}", key, null, GameDriver.Bet(GameId.Wingo, "size", "big"), Money.FromMajor(1)));
        }

        var refused = await Assert.ThrowsAsync<GameServerException>(() =>
            wallet.PlaceBet(new BetRequest($"fifty-{Guid.NewGuid():N}", key, null, GameDriver.Bet(GameId.Wingo, "size", "big"), Money.FromMajor(1))));
        Assert.Equal(ErrorKind.Conflict, refused.Kind);
        Assert.Contains("50 bets", refused.Message, StringComparison.Ordinal);
        Assert.Equal(Funds - Money.FromMajor(50), (await wallet.GetBalance()).Available);
    }

    [Fact]
    public async Task A_game_down_across_three_period_ends_draws_and_settles_all_three_on_return()
    {
        var key = new GameKey(GameId.K3, 180);
        var period = await fixture.StartNextPeriod(key);
        var wallet = await fixture.FundedWallet(Funds);
        var bet = new BetRequest($"down-{Guid.NewGuid():N}", key, period.PeriodId, GameDriver.Bet(GameId.K3, "size", "small"), Money.FromMajor(20));
        await wallet.PlaceBet(bet);
        var commitBeforeOutage = (await fixture.Game(key).GetOpenPeriod()).Commit;
        await fixture.Cluster.DeactivateAsync(fixture.Game(key));

        var third = Schedule.Next(Schedule.Next(period));
        fixture.Clock.SetUtcNow(third.EndsAt.AddSeconds(1));
        var open = await fixture.Game(key).GetOpenPeriod(); // opens the current period at once; the settlements follow
        await fixture.Game(key).CatchUp();

        Assert.Equal(Schedule.Next(third).PeriodId, open.Period.PeriodId);
        foreach (var missed in new[] { period, Schedule.Next(period), third })
        {
            Assert.NotNull(await fixture.Ledger.ReadPeriodResultAsync(key, missed.PeriodId));
        }

        // Every missed period was drawn from its day's chain, published before any bet: no seed was made after the outage.
        var chain = SeedChain.ForDay(key, (await fixture.Ledger.ReadSeedChainAsync(key, Schedule.DayOf(period)))!.Secret);
        foreach (var missed in new[] { period, Schedule.Next(period), third })
        {
            var proof = await fixture.Game(key).GetPeriod(missed.PeriodId);
            Assert.Equal(Convert.ToHexStringLower(chain.SeedOf(Schedule.IndexOf(missed))), proof.Seed);
        }

        Assert.Equal(commitBeforeOutage, (await fixture.Game(key).GetPeriod(period.PeriodId)).Commit);
        var settled = Assert.Single(await fixture.Ledger.ReadPeriodBetsAsync(key, period.PeriodId));
        Assert.NotNull(settled.Outcome);
        var result = (await fixture.Ledger.ReadPeriodResultAsync(key, period.PeriodId))!.Result;
        Assert.Equal(Funds - bet.Stake + Payouts.Payout(GameId.K3, bet.Selection, result, bet.Stake), (await wallet.GetBalance()).Available);
    }

    [Fact]
    public async Task A_winner_of_the_last_period_betting_at_the_start_of_the_next_is_neither_kept_waiting_nor_deadlocked()
    {
        var key = new GameKey(GameId.Wingo, 60);
        var period = await fixture.StartNextPeriod(key);
        var wallet = await fixture.FundedWallet(Funds);
        foreach (var size in new[] { "big", "small" })
        {
            await wallet.PlaceBet(new BetRequest($"win-{size}-{Guid.NewGuid():N}", key, period.PeriodId, GameDriver.Bet(GameId.Wingo, "size", size), Money.FromMajor(10)));
        }

        // The wallet is busy placing the next bet (waiting for the game to open the next period) while the
        // game, once that period is open, pays this wallet its win of the last one.
        fixture.Clock.SetUtcNow(period.EndsAt.AddMilliseconds(1));
        var next = wallet.PlaceBet(new BetRequest($"next-{Guid.NewGuid():N}", key, null, GameDriver.Bet(GameId.Wingo, "size", "big"), Money.FromMajor(10)));
        var settled = fixture.Game(key).CatchUp();
        await Task.WhenAll(next, settled).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(Schedule.Next(period).PeriodId, (await next).PeriodId);
        Assert.Equal(Funds - Money.FromMajor(30) + new Money(19_60), (await wallet.GetBalance()).Available); // the winner of the two pays 10 × 0.98 × 2
    }

    [Fact]
    public async Task A_period_whose_result_is_stored_takes_no_more_bets_whatever_the_clock_of_the_silo_says()
    {
        // As if a silo whose clock ran ahead drew the period and died before opening the next, and the
        // game came back on a silo whose clock still says the period is open.
        var key = new GameKey(GameId.Trx, 600);
        var period = Schedule.PeriodAt(key, fixture.Clock.GetUtcNow());
        var seed = SeedChain.ForDay(key, (await fixture.Ledger.ReadSeedChainAsync(key, Schedule.DayOf(period)))!.Secret).SeedOf(Schedule.IndexOf(period));
        await fixture.Ledger.SaveOpenedPeriodAsync(new Journal.OpenedPeriod(key, period.PeriodId, seed));
        await fixture.Ledger.SavePeriodResultAsync(new PeriodResult(key, period.PeriodId, FairDraw.Commit(seed), Convert.ToHexStringLower(seed),
            FairDraw.Draw(key, period.PeriodId, seed), period.EndsAt, period.EndsAt));
        var wallet = await fixture.FundedWallet(Funds);

        var refused = await Assert.ThrowsAsync<GameServerException>(() =>
            wallet.PlaceBet(new BetRequest($"drawn-{Guid.NewGuid():N}", key, null, GameDriver.Bet(GameId.Trx, "size", "big"), Money.FromMajor(5))));

        Assert.Equal(ErrorKind.Conflict, refused.Kind);
        Assert.Equal(Funds, (await wallet.GetBalance()).Available);
        Assert.Empty(await fixture.Ledger.ReadPeriodBetsAsync(key, period.PeriodId));
    }

    [Fact]
    public async Task A_stake_whose_period_has_no_result_is_refunded_once_and_the_audit_counts_the_refund()
    {
        // A stake written for a period that was never drawn (here: written straight into the journal for the
        // period before a game's first), as a stopped silo could leave one.
        var key = new GameKey(GameId.FiveD, 600);
        var undrawn = Schedule.Previous(Schedule.PeriodAt(key, fixture.Clock.GetUtcNow()));
        var wallet = await fixture.FundedWallet(Funds);
        var account = wallet.GetPrimaryKeyLong();
        await fixture.Cluster.DeactivateAsync(wallet);
        var bet = new BetRecord($"undrawn-{Guid.NewGuid():N}", account, key, undrawn.PeriodId, GameDriver.Bet(GameId.FiveD, "sum_size", "big"), Money.FromMajor(40), DateTimeOffset.UtcNow);
        var stake = new LedgerEntry(account, 2, $"bet:{bet.BetId}", LedgerEntryType.BetStake, -bet.Stake, Money.Zero, Funds - bet.Stake, Money.Zero,
            $"bet:{key}:{bet.Selection}", undrawn.PeriodId, DateTimeOffset.UtcNow);
        Assert.Equal(Journal.AppendOutcome.Appended, (await fixture.Ledger.AppendBatchAsync([new Journal.JournalAppend(stake, bet)]))[0].Outcome);

        await fixture.Game(key).CatchUp();
        await fixture.Game(key).CatchUp();

        Assert.Null(await fixture.Ledger.ReadPeriodResultAsync(key, undrawn.PeriodId));
        Assert.Equal(Funds, (await wallet.GetBalance()).Available);
        var refund = await fixture.Ledger.FindOperationAsync(account, $"settle:{bet.BetId}");
        Assert.Equal((LedgerEntryType.BetRefund, bet.Stake), (refund!.Type, refund.Amount));
        Assert.Equal(BetOutcomeKind.Refunded, Assert.Single(await fixture.Ledger.ReadPeriodBetsAsync(key, undrawn.PeriodId)).Outcome!.Kind);
        var audit = await fixture.Client.GetGrain<ILedgerAuditGrain>(0).Audit();
        Assert.True(audit.Conserved, string.Join("; ", audit.Violations));
        Assert.True(audit.TotalsByType[LedgerEntryType.BetRefund] >= bet.Stake);
    }

    [Fact]
    public async Task A_stake_is_refused_above_the_maximum_and_accepted_at_it()
    {
        var key = new GameKey(GameId.Wingo, 300);
        await fixture.StartNextPeriod(key);
        var wallet = await fixture.FundedWallet(Money.FromMajor(300_000));

        var refused = await Assert.ThrowsAsync<GameServerException>(() =>
            wallet.PlaceBet(new BetRequest($"max-{Guid.NewGuid():N}", key, null, GameDriver.Bet(GameId.Wingo, "size", "big"), new Money(100_000_01))));
        var accepted = await wallet.PlaceBet(new BetRequest($"max-{Guid.NewGuid():N}", key, null, GameDriver.Bet(GameId.Wingo, "size", "big"), Money.FromMajor(100_000)));

        Assert.Equal(ErrorKind.Invalid, refused.Kind);
        Assert.Equal(Money.FromMajor(200_000), accepted.Balance.Available);
    }

    [Fact]
    public async Task The_same_bet_id_for_another_stake_selection_or_period_is_a_conflict_and_moves_nothing()
    {
        var key = new GameKey(GameId.Wingo, 300);
        var period = await fixture.StartNextPeriod(key);
        var wallet = await fixture.FundedWallet(Funds);
        var bet = new BetRequest($"same-{Guid.NewGuid():N}", key, period.PeriodId, GameDriver.Bet(GameId.Wingo, "color", "red"), Money.FromMajor(7));
        await wallet.PlaceBet(bet);

        foreach (var different in new[]
        {
            bet with { Stake = Money.FromMajor(8) },
            bet with { Selection = GameDriver.Bet(GameId.Wingo, "color", "green") },
            bet with { PeriodId = Schedule.Next(period).PeriodId },
        })
        {
            var refused = await Assert.ThrowsAsync<GameServerException>(() => wallet.PlaceBet(different));
            Assert.Equal(ErrorKind.Conflict, refused.Kind);
        }

        Assert.Equal(Funds - Money.FromMajor(7), (await wallet.GetBalance()).Available);
        Assert.Equal(2, (await wallet.GetBalance()).LastSeq);
    }

    [Fact]
    public async Task Funds_held_for_a_withdrawal_cannot_be_staked()
    {
        var key = new GameKey(GameId.Wingo, 300);
        await fixture.StartNextPeriod(key);
        var wallet = await fixture.FundedWallet(Money.FromMajor(100));
        await wallet.RequestWithdrawal($"w-{Guid.NewGuid():N}", Money.FromMajor(80), await fixture.Client.TestPayoutMethod(wallet));

        var refused = await Assert.ThrowsAsync<GameServerException>(() =>
            wallet.PlaceBet(new BetRequest($"held-{Guid.NewGuid():N}", key, null, GameDriver.Bet(GameId.Wingo, "size", "big"), Money.FromMajor(30))));
        var allowed = await wallet.PlaceBet(new BetRequest($"held-{Guid.NewGuid():N}", key, null, GameDriver.Bet(GameId.Wingo, "size", "big"), Money.FromMajor(20)));

        Assert.Equal(ErrorKind.Conflict, refused.Kind);
        Assert.Equal(new Balance(Money.Zero, Money.FromMajor(80), 3), allowed.Balance);
    }

    [Fact]
    public async Task A_period_left_opened_but_undrawn_is_drawn_from_its_committed_seed_and_its_bets_paid_not_refunded()
    {
        // As a stopped activation could leave it: K3 600 s period P opened (its seed committed) with a bet on it,
        // the next period opened too, and P never drawn.
        var key = new GameKey(GameId.K3, 600);
        var period = Schedule.PeriodAt(key, fixture.Clock.GetUtcNow());
        var seed = SeedChain.ForDay(key, (await fixture.Ledger.ReadSeedChainAsync(key, Schedule.DayOf(period)))!.Secret).SeedOf(Schedule.IndexOf(period));
        await fixture.Ledger.SaveOpenedPeriodAsync(new Journal.OpenedPeriod(key, period.PeriodId, seed));
        await fixture.Ledger.SaveOpenedPeriodAsync(new Journal.OpenedPeriod(key, Schedule.Next(period).PeriodId, FairDraw.NewSeed()));
        var wallet = await fixture.FundedWallet(Funds);
        var account = wallet.GetPrimaryKeyLong();
        await fixture.Cluster.DeactivateAsync(wallet);
        var bet = new BetRecord($"undrawn-{Guid.NewGuid():N}", account, key, period.PeriodId, GameDriver.Bet(GameId.K3, "size", "big"), Money.FromMajor(40), DateTimeOffset.UtcNow);
        var stake = new LedgerEntry(account, 2, $"bet:{bet.BetId}", LedgerEntryType.BetStake, -bet.Stake, Money.Zero, Funds - bet.Stake, Money.Zero,
            $"bet:{key}:{bet.Selection}", period.PeriodId, DateTimeOffset.UtcNow);
        await fixture.Ledger.AppendBatchAsync([new Journal.JournalAppend(stake, bet)]);
        fixture.Clock.SetUtcNow(Schedule.Next(period).StartsAt.AddSeconds(1));

        await fixture.Game(key).CatchUp();

        var result = FairDraw.Draw(key, period.PeriodId, seed);
        Assert.Equal(result.Values, (await fixture.Ledger.ReadPeriodResultAsync(key, period.PeriodId))!.Result.Values);
        var outcome = Assert.Single(await fixture.Ledger.ReadPeriodBetsAsync(key, period.PeriodId)).Outcome!;
        Assert.NotEqual(BetOutcomeKind.Refunded, outcome.Kind);
        Assert.Equal(Funds - bet.Stake + Payouts.Payout(GameId.K3, bet.Selection, result, bet.Stake), (await wallet.GetBalance()).Available);
    }
}
