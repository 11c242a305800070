using Orleans.Streams;
using GameServer.Games;
using GameServer.Grains.Journal;
using GameServer.Testing;
using GameServer.Wallet;

namespace GameServer.Grains.Tests;

/// <summary>A cluster whose journal has no chain when it starts: only what its own calendar makes.</summary>
public sealed class UnpublishedChainsFixture : GameClusterFixture
{
    protected override bool PublishesSeedChains => false;
}

/// <summary>SPEC §3 rules 5–6, each on a cluster of its own: the clock goes days ahead and chains are published by hand.</summary>
public sealed class SeedChainClusterTests : IAsyncLifetime
{
    private readonly UnpublishedChainsFixture fixture = new();

    public Task InitializeAsync() => fixture.InitializeAsync();

    public Task DisposeAsync() => fixture.DisposeAsync();

    private DateOnly Today => DateOnly.FromDateTime(fixture.Clock.GetUtcNow().UtcDateTime);

    [Fact]
    public async Task The_calendar_makes_the_chains_of_the_next_two_days_once_and_none_for_a_day_already_begun()
    {
        var calendar = fixture.Client.GetGrain<ISeedChainCalendarGrain>(ISeedChainCalendarGrain.Key);
        var today = Today;

        // The silos ran the calendar as they started.
        var madeAgain = await calendar.EnsureAhead();
        var anchors = await fixture.Client.GetGrain<IFairnessArchiveGrain>(0).Anchors(today.AddDays(-1), today.AddDays(3));
        fixture.Clock.Advance(TimeSpan.FromDays(1));
        await calendar.EnsureAhead();
        var nextDay = await fixture.Client.GetGrain<IFairnessArchiveGrain>(0).Anchors(today.AddDays(3), today.AddDays(3));

        Assert.Equal(0, madeAgain);
        Assert.Equal(16, nextDay.Count);
        Assert.All(nextDay, anchor => Assert.False(anchor.Late));
        Assert.Equal([today.AddDays(1), today.AddDays(2)], anchors.Select(anchor => anchor.Day).Distinct());
        Assert.Equal(16, anchors.Count(anchor => anchor.Day == today.AddDays(1)));
        Assert.Equal(GameCatalog.AllKeys().Count(), anchors.Count(anchor => anchor.Day == today.AddDays(2)));

        // Made at start-up, tomorrow's chain is out less than a day before tomorrow: late. The day after's is in time.
        Assert.All(anchors.Where(anchor => anchor.Day == today.AddDays(1)), anchor => Assert.True(anchor.Late));
        Assert.All(anchors.Where(anchor => anchor.Day == today.AddDays(2)), anchor => Assert.False(anchor.Late));
        var stored = await fixture.Ledger.ReadSeedChainAsync(new GameKey(GameId.Trx, 600), today.AddDays(2));
        Assert.Equal(stored!.Anchor, Convert.ToHexStringLower(SeedChain.ForDay(new GameKey(GameId.Trx, 600), stored.Secret).Anchor));
    }

    [Fact]
    public async Task A_day_without_a_chain_or_with_a_late_one_takes_no_bet_and_a_day_whose_chain_was_published_in_time_does()
    {
        var key = new GameKey(GameId.Wingo, 60);
        var wallet = await fixture.FundedWallet(Money.FromMajor(100));
        BetRequest Bet() => new($"chain-{Guid.NewGuid():N}", key, null, GameDriver.Bet(GameId.Wingo, "size", "big"), Money.FromMajor(10));

        var noChain = await Assert.ThrowsAsync<GameServerException>(() => wallet.PlaceBet(Bet()));
        var noPeriod = await Assert.ThrowsAsync<GameServerException>(() => fixture.Game(key).GetOpenPeriod());
        var results = await fixture.Game(key).GetResults(1, 10);

        // Published now, in the middle of the day: late, so still refused once the game looks again.
        await TestClock.PublishSeedChain(fixture.Ledger, key, Today, publishedAt: fixture.Clock.GetUtcNow());
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        var lateChain = await Assert.ThrowsAsync<GameServerException>(() => wallet.PlaceBet(Bet()));

        // The calendar made the day after tomorrow's chain at start-up, more than a day ahead.
        var inTime = Today.AddDays(2);
        fixture.Clock.SetUtcNow(new DateTimeOffset(inTime.ToDateTime(new TimeOnly(0, 0, 1)), TimeSpan.Zero));
        var placed = await wallet.PlaceBet(Bet());
        var open = await fixture.Game(key).GetOpenPeriod();

        Assert.Equal((ErrorKind.Unavailable, ErrorKind.Unavailable, ErrorKind.Unavailable), (noChain.Kind, noPeriod.Kind, lateChain.Kind));
        Assert.Empty(results.Results);
        Assert.Equal(Money.FromMajor(90), placed.Balance.Available);
        var chain = SeedChain.ForDay(key, (await fixture.Ledger.ReadSeedChainAsync(key, inTime))!.Secret);
        Assert.Equal(FairDraw.Commit(chain.SeedOf(Schedule.IndexOf(open.Period))), open.Commit);
        Assert.Equal($"{inTime:yyyyMMdd}020001", open.Period.PeriodId);
    }

    [Fact]
    public async Task A_period_stored_with_a_seed_other_than_its_chains_takes_no_bet_reveals_nothing_and_the_game_goes_on_after_it()
    {
        var key = new GameKey(GameId.K3, 60);
        var day = Today.AddDays(2);
        await fixture.Game(key).GetResults(1, 1);

        // Rows the game did not write: one for a period of the day, one for a period of the next day.
        var foreign = Schedule.PeriodOfDay(key, day, 3);
        await fixture.Ledger.SaveOpenedPeriodAsync(new OpenedPeriod(key, foreign.PeriodId, FairDraw.NewSeed()));
        await fixture.Ledger.SaveOpenedPeriodAsync(new OpenedPeriod(key, Schedule.PeriodOfDay(key, day.AddDays(1), 1).PeriodId, FairDraw.NewSeed()));
        var wallet = await fixture.FundedWallet(Money.FromMajor(100));
        BetRequest Bet() => new($"foreign-{Guid.NewGuid():N}", key, null, GameDriver.Bet(GameId.K3, "size", "big"), Money.FromMajor(10));

        fixture.Clock.SetUtcNow(Schedule.PeriodOfDay(key, day, 2).StartsAt.AddSeconds(1));
        var before = await wallet.PlaceBet(Bet());
        fixture.Clock.SetUtcNow(foreign.StartsAt.AddSeconds(1));
        var refused = await Assert.ThrowsAsync<GameServerException>(() => wallet.PlaceBet(Bet()));

        // A new activation finds the next day's row as the latest opened: it neither opens it nor takes it as the day's end.
        await fixture.Cluster.DeactivateAsync(fixture.Game(key));
        var refusedAgain = await Assert.ThrowsAsync<GameServerException>(() => wallet.PlaceBet(Bet()));
        var archive = await fixture.Client.GetGrain<IFairnessDayGrain>(IFairnessDayGrain.KeyOf(key, day)).Archive();
        fixture.Clock.SetUtcNow(Schedule.PeriodOfDay(key, day, 4).StartsAt.AddSeconds(1));
        var after = await wallet.PlaceBet(Bet());

        Assert.Equal(Money.FromMajor(90), before.Balance.Available);
        Assert.Equal((ErrorKind.Unavailable, ErrorKind.Unavailable), (refused.Kind, refusedAgain.Kind));
        Assert.False(archive.Complete);
        Assert.Null(archive.Secret);
        Assert.Equal(Schedule.PeriodOfDay(key, day, 4).PeriodId, (await fixture.Game(key).GetOpenPeriod()).Period.PeriodId);
        Assert.Equal(Schedule.PeriodOfDay(key, day, 4).PeriodId, after.PeriodId);
        Assert.Null(await fixture.Ledger.ReadPeriodResultAsync(key, foreign.PeriodId));
        Assert.NotNull(Assert.Single(await fixture.Ledger.ReadPeriodBetsAsync(key, Schedule.PeriodOfDay(key, day, 2).PeriodId)).Outcome);
    }
}

/// <summary>A game whose next period cannot open, and one back from days away, each on a cluster of its own.</summary>
public sealed class GameGapTests : IAsyncLifetime
{
    private readonly GameClusterFixture fixture = new();

    public Task InitializeAsync() => fixture.InitializeAsync();

    public Task DisposeAsync() => fixture.DisposeAsync();

    [Fact]
    public async Task At_midnight_into_a_day_with_a_late_chain_the_last_period_is_drawn_once_and_settled_its_late_bets_swept_and_results_still_served()
    {
        var key = new GameKey(GameId.Wingo, 60);

        // The first day after the fixture's chains gets a late one (published as it begins), before the calendar could make one.
        var gap = DateOnly.FromDateTime(fixture.Clock.GetUtcNow().UtcDateTime).AddDays(TestClock.SeedChainDays.After + 1);
        await TestClock.PublishSeedChain(fixture.Ledger, key, gap, publishedAt: SeedChain.DayStart(gap));
        var last = Schedule.PeriodOfDay(key, gap.AddDays(-1), Schedule.PeriodsPerDay(key));

        fixture.Clock.SetUtcNow(last.StartsAt.AddSeconds(1));
        await fixture.Game(key).CatchUp();
        var wallet = await fixture.FundedWallet(Money.FromMajor(100));
        await wallet.PlaceBet(new BetRequest($"last-{Guid.NewGuid():N}", key, last.PeriodId, GameDriver.Bet(GameId.Wingo, "size", "big"), Money.FromMajor(10)));

        fixture.Clock.SetUtcNow(last.EndsAt.AddSeconds(1));
        await fixture.Game(key).CatchUp();
        await fixture.Game(key).CatchUp();
        var drawn = (await fixture.Ledger.ReadPeriodResultAsync(key, last.PeriodId))!;

        // A stake written after the settlement read the period: a losing number, so no wallet is involved.
        var lateAccount = GameDriver.NewPlayerId();
        var lateBet = new BetRecord($"late-{Guid.NewGuid():N}", lateAccount, key, last.PeriodId,
            GameDriver.Bet(GameId.Wingo, "number", $"{(drawn.Result.Values[0] + 1) % 10}"), Money.FromMajor(10), last.BettingClosesAt.AddSeconds(-1));
        await fixture.Ledger.AppendBatchAsync([new(new LedgerEntry(lateAccount, 1, "late-fund", LedgerEntryType.Deposit, Money.FromMajor(10), Money.Zero, Money.FromMajor(10), Money.Zero, "test", null, last.StartsAt))]);
        await fixture.Ledger.AppendBatchAsync([new(new LedgerEntry(lateAccount, 2, $"bet:{lateBet.BetId}", LedgerEntryType.BetStake, -Money.FromMajor(10), Money.Zero, Money.Zero, Money.Zero, "bet", last.PeriodId, lateBet.PlacedAt), lateBet)]);

        var refused = await Assert.ThrowsAsync<GameServerException>(() => fixture.Game(key).GetOpenPeriod());
        var results = await fixture.Game(key).GetResults(1, 5);
        var proof = await fixture.Game(key).GetPeriod(last.PeriodId);
        var beforeSweep = (await fixture.Ledger.ReadPeriodBetsAsync(key, last.PeriodId)).Single(bet => bet.Bet.BetId == lateBet.BetId).Outcome;
        fixture.Clock.Advance(key.Duration);
        await fixture.Game(key).CatchUp();
        var swept = (await fixture.Ledger.ReadPeriodBetsAsync(key, last.PeriodId)).Single(bet => bet.Bet.BetId == lateBet.BetId).Outcome;

        Assert.Equal(ErrorKind.Unavailable, refused.Kind);
        Assert.Equal(last.PeriodId, results.Results[0].PeriodId);
        Assert.Single(results.Results, result => result.PeriodId == last.PeriodId);
        Assert.Equal(drawn.Seed, proof.Seed);
        Assert.All(await fixture.Ledger.ReadPeriodBetsAsync(key, last.PeriodId), bet => Assert.True(bet.Bet.BetId == lateBet.BetId || bet.Outcome is not null));
        Assert.Null(beforeSweep);
        Assert.Equal(BetOutcomeKind.Lost, swept?.Kind);
    }

    [Fact]
    public async Task Back_after_three_days_a_game_draws_the_period_it_left_open_and_the_last_day_only_and_opens_the_current_one()
    {
        var key = new GameKey(GameId.Trx, 600);
        var left = await fixture.StartNextPeriod(key);
        await fixture.Cluster.DeactivateAsync(fixture.Game(key));

        fixture.Clock.Advance(TimeSpan.FromDays(3));
        var now = fixture.Clock.GetUtcNow();
        var open = await fixture.Game(key).GetOpenPeriod();
        var results = await fixture.Game(key).GetResults(1, 500);

        var earliest = Schedule.PeriodAt(key, now - TimeSpan.FromDays(1));
        Assert.Equal(Schedule.PeriodAt(key, now).PeriodId, open.Period.PeriodId);
        Assert.NotNull(await fixture.Ledger.ReadPeriodResultAsync(key, left.PeriodId));
        Assert.Null(await fixture.Ledger.ReadPeriodResultAsync(key, Schedule.Next(left).PeriodId));
        Assert.Null(await fixture.Ledger.ReadPeriodResultAsync(key, Schedule.Previous(earliest).PeriodId));
        Assert.NotNull(await fixture.Ledger.ReadPeriodResultAsync(key, earliest.PeriodId));
        Assert.Equal(Schedule.Previous(open.Period).PeriodId, results.Results[0].PeriodId);
        Assert.Equal(1 + Schedule.PeriodsPerDay(key), results.Total);
    }
}

/// <summary>A past day's archive, recomputed here as a verifier would, and reconciled with the ledger.</summary>
[Collection(GamesCollection.Name)]
public sealed class FairnessArchiveTests(GameClusterFixture fixture)
{
    [Fact]
    public async Task A_past_days_archive_chains_to_its_anchor_draws_every_result_from_its_seed_and_carries_the_ledgers_totals()
    {
        var key = new GameKey(GameId.K3, 300);
        var period = await fixture.StartNextPeriod(key);
        var day = Schedule.DayOf(period);
        var player = await fixture.FundedWallet(Money.FromMajor(100));
        foreach (var size in new[] { "big", "small" })
        {
            await player.PlaceBet(new BetRequest($"archive-{size}-{Guid.NewGuid():N}", key, period.PeriodId, GameDriver.Bet(GameId.K3, "size", size), Money.FromMajor(10)));
        }

        // A stake given back, as the game does for a bet it cannot settle: counted as refunded, not as wagered.
        var refundedPlayer = await fixture.FundedWallet(Money.FromMajor(100));
        var refundedBetId = $"archive-refund-{Guid.NewGuid():N}";
        await refundedPlayer.PlaceBet(new BetRequest(refundedBetId, key, period.PeriodId, GameDriver.Bet(GameId.K3, "sum", "10"), Money.FromMajor(5)));
        var refundedBet = (await fixture.Ledger.ReadPeriodBetsAsync(key, period.PeriodId)).Single(bet => bet.Bet.BetId == refundedBetId).Bet;
        await refundedPlayer.RefundBets([refundedBet]);
        await fixture.Ledger.RecordOutcomesAsync([new BetOutcome(refundedBetId, refundedBet.UserId, key, period.PeriodId, BetOutcomeKind.Refunded, refundedBet.Stake, fixture.Clock.GetUtcNow())]);

        var archiveOf = fixture.Client.GetGrain<IFairnessDayGrain>(IFairnessDayGrain.KeyOf(key, day));
        var during = await archiveOf.Archive();
        fixture.Clock.SetUtcNow(SeedChain.DayStart(day.AddDays(1)).AddSeconds(10));
        await fixture.Game(key).CatchUp();
        var complete = await archiveOf.Archive();
        fixture.Clock.SetUtcNow(SeedChain.DayStart(day.AddDays(1)).AddMinutes(16));
        await fixture.Game(key).CatchUp();
        var archive = await archiveOf.Archive();

        Assert.False(during.Complete);
        Assert.Null(during.Secret);
        Assert.Empty(during.Periods);
        Assert.True(complete.Complete);
        Assert.NotNull(complete.Secret);
        Assert.False(complete.Settled);
        Assert.Null(complete.Version);
        Assert.True(archive.Complete);
        Assert.True(archive.Settled);
        Assert.NotNull(archive.Version);
        Assert.False(archive.Late);
        Assert.Equal(288, archive.Periods.Count);
        var seeds = archive.Periods.Select(archived => Convert.FromHexString(archived.Seed)).ToList();
        Assert.Null(SeedChain.FirstBreak(Convert.FromHexString(archive.Anchor), 1, seeds));
        Assert.Equal(archive.Periods[^1].Seed, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Convert.FromHexString(archive.Secret!))));
        Assert.All(archive.Periods, archived => Assert.Equal(archived.Commit, FairDraw.Commit(Convert.FromHexString(archived.Seed))));

        // Every result from its seed by SPEC §3's rule, written out here rather than through FairDraw.
        Assert.All(archive.Periods, archived => Assert.Equal(Dice(key, archived.PeriodId, Convert.FromHexString(archived.Seed)), archived.Result.Values));

        // The ledger's own figures: both stakes left the player's wallet, the winner came back to it.
        var entries = (await player.GetTransactions(1, 10)).Entries;
        var staked = -entries.Where(entry => entry.Type == LedgerEntryType.BetStake).Aggregate(Money.Zero, (sum, entry) => sum + entry.Amount);
        var paid = entries.Where(entry => entry.Type == LedgerEntryType.BetPayout).Aggregate(Money.Zero, (sum, entry) => sum + entry.Amount);
        var refunded = (await refundedPlayer.GetTransactions(1, 10)).Entries.Where(entry => entry.Type == LedgerEntryType.BetRefund).Aggregate(Money.Zero, (sum, entry) => sum + entry.Amount);
        var played = archive.Periods.Single(archived => archived.PeriodId == period.PeriodId);
        Assert.True(played.Drawn);
        Assert.Equal((3L, staked + refunded, paid, refunded), (played.Bets, played.Staked, played.Paid, played.Refunded));
        Assert.Equal((3L, Money.FromMajor(25), paid, Money.FromMajor(5), 0L), (archive.Totals.Bets, archive.Totals.Staked, archive.Totals.Paid, archive.Totals.Refunded, archive.Totals.Unsettled));

        // Big (sum 11–18) and small (3–10) split the 216 throws evenly and pay 1.92 × 98 %: one of the
        // two 10.00 stakes wins floor(1000 × 0.98 × 1.92) = 1881 minor units. RTP = 0.98 × 1.92 × ½.
        Assert.Equal(new Money(1881), paid);
        Assert.Equal(0.9408m, archive.Totals.TheoreticalRtp);
        Assert.Equal(0.9405m, archive.Totals.ActualRtp);
    }

    /// <summary>SPEC §3 for K3: bytes of HMAC-SHA256(seed, "k3:{duration}:{period}:{counter}"), skip b ≥ 252, die = b mod 6 + 1.</summary>
    private static IReadOnlyList<int> Dice(GameKey key, string periodId, byte[] seed)
    {
        var dice = new List<int>();
        for (var counter = 0; dice.Count < 3; counter++)
        {
            var bytes = System.Security.Cryptography.HMACSHA256.HashData(seed, System.Text.Encoding.UTF8.GetBytes($"k3:{key.DurationSeconds}:{periodId}:{counter}"));
            dice.AddRange(bytes.Where(b => b < 252).Select(b => (b % 6) + 1).Take(3 - dice.Count));
        }

        return dice;
    }
}

/// <summary>"Open before settle", measured: a cluster of its own for a round of ten thousand bets.</summary>
public sealed class OpenBeforeSettleTests : IAsyncLifetime
{
    private const int Players = 500;
    private const int BetsPerPlayer = 20;

    private readonly GameClusterFixture fixture = new();

    public Task InitializeAsync() => fixture.InitializeAsync();

    public Task DisposeAsync() => fixture.DisposeAsync();

    [Fact]
    public async Task With_10000_bets_the_next_periods_commit_is_announced_and_readable_before_the_settlement_ends()
    {
        var key = new GameKey(GameId.Wingo, 60);
        var period = await fixture.StartNextPeriod(key);
        var next = Schedule.Next(period);
        var received = new List<GameEvent>();
        var stream = fixture.Client.GetStreamProvider(GameStreams.ProviderName).GetStream<GameEvent>(GameStreamIds.ForGame(key));
        var subscription = await stream.SubscribeAsync((gameEvent, _) =>
        {
            lock (received)
            {
                received.Add(gameEvent);
            }

            return Task.CompletedTask;
        });
        try
        {
            for (var batch = 0; batch < Players / 50; batch++)
            {
                await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ =>
                {
                    var wallet = await fixture.FundedWallet(Money.FromMajor(1_000));
                    for (var bet = 0; bet < BetsPerPlayer; bet++)
                    {
                        await wallet.PlaceBet(new BetRequest($"round-{Guid.NewGuid():N}", key, period.PeriodId,
                            GameDriver.Bet(GameId.Wingo, "number", $"{bet % 10}"), Money.FromMajor(1)));
                    }
                }));
            }

            fixture.Clock.SetUtcNow(period.EndsAt.AddMilliseconds(1));
            var settlement = fixture.Game(key).CatchUp();
            var read = await fixture.Game(key).GetOpenPeriod();
            var settlingWhenRead = !settlement.IsCompleted;
            await settlement;
            await Eventually(() => Received<PlayersSettled>(received).Sum(settled => settled.Players.Count) == Players);

            Assert.Equal(Players * BetsPerPlayer, (await fixture.Ledger.ReadPeriodBetsAsync(key, period.PeriodId)).Count(bet => bet.Outcome is not null));
            Assert.Equal(next.PeriodId, read.Period.PeriodId);
            Assert.True(settlingWhenRead, "The open period was read only after the settlement had ended.");

            // One producer, one stream, delivered in order: the next period's commit went out before the first payout notice.
            var order = Ordered(received);
            var opened = order.FindIndex(gameEvent => gameEvent is PeriodOpened announced && announced.PeriodId == next.PeriodId);
            var firstNotice = order.FindIndex(gameEvent => gameEvent is PlayersSettled settled && settled.PeriodId == period.PeriodId);
            Assert.InRange(opened, 0, firstNotice - 1);
            Assert.Equal(read.Commit, ((PeriodOpened)order[opened]).Commit);
        }
        finally
        {
            await subscription.UnsubscribeAsync();
        }
    }

    private static List<GameEvent> Ordered(List<GameEvent> received)
    {
        lock (received)
        {
            return [.. received];
        }
    }

    private static List<T> Received<T>(List<GameEvent> received) => Ordered(received).OfType<T>().ToList();

    private static async Task Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not become true within 30 s.");
            await Task.Delay(50);
        }
    }
}
