using Orleans.Streams;
using GameServer.Games;
using GameServer.Testing;
using GameServer.Wallet;

namespace GameServer.Grains.Tests;

/// <summary>SPEC §3 rules 5–6 on a cluster of its own: its clock goes past the days whose chains were published.</summary>
public sealed class SeedChainClusterTests : IAsyncLifetime
{
    private readonly GameClusterFixture fixture = new();

    public Task InitializeAsync() => fixture.InitializeAsync();

    public Task DisposeAsync() => fixture.DisposeAsync();

    [Fact]
    public async Task A_day_without_a_published_chain_takes_no_bet_until_its_chain_is_made()
    {
        var key = new GameKey(GameId.Wingo, 60);
        var unpublished = DateOnly.FromDateTime(fixture.Clock.GetUtcNow().UtcDateTime).AddDays(TestClock.SeedChainDays.After + 10);
        fixture.Clock.SetUtcNow(new DateTimeOffset(unpublished.ToDateTime(new TimeOnly(12, 0, 1)), TimeSpan.Zero));
        var wallet = await fixture.FundedWallet(Money.FromMajor(100));
        var bet = new BetRequest($"chainless-{Guid.NewGuid():N}", key, null, GameDriver.Bet(GameId.Wingo, "size", "big"), Money.FromMajor(10));

        var refused = await Assert.ThrowsAsync<GameServerException>(() => wallet.PlaceBet(bet));
        var noPeriod = await Assert.ThrowsAsync<GameServerException>(() => fixture.Game(key).GetOpenPeriod());
        await fixture.Client.GetGrain<ISeedChainCalendarGrain>(ISeedChainCalendarGrain.Key).EnsureChains(unpublished, unpublished);
        var placed = await wallet.PlaceBet(bet);

        Assert.Equal((ErrorKind.Unavailable, ErrorKind.Unavailable), (refused.Kind, noPeriod.Kind));
        Assert.Equal(Money.FromMajor(90), placed.Balance.Available);
        var open = await fixture.Game(key).GetOpenPeriod();
        var chain = SeedChain.ForDay(key, (await fixture.Ledger.ReadSeedChainAsync(key, unpublished))!.Secret);
        Assert.Equal(FairDraw.Commit(chain.SeedOf(Schedule.IndexOf(open.Period))), open.Commit);
    }

    [Fact]
    public async Task The_calendar_publishes_every_games_chains_for_today_and_two_days_ahead_once()
    {
        var calendar = fixture.Client.GetGrain<ISeedChainCalendarGrain>(ISeedChainCalendarGrain.Key);
        var today = DateOnly.FromDateTime(fixture.Clock.GetUtcNow().UtcDateTime);
        var anchorsBefore = await fixture.Client.GetGrain<IFairnessArchiveGrain>(0).Anchors(today, today.AddDays(2));

        var madeAgain = await calendar.EnsureAhead();
        var anchorsAfter = await fixture.Client.GetGrain<IFairnessArchiveGrain>(0).Anchors(today, today.AddDays(2));

        Assert.Equal(0, madeAgain);
        Assert.Equal(3 * 16, anchorsBefore.Count);
        Assert.Equal(anchorsBefore.Select(anchor => anchor.Anchor), anchorsAfter.Select(anchor => anchor.Anchor));
        var chain = await fixture.Ledger.ReadSeedChainAsync(new GameKey(GameId.Trx, 600), today.AddDays(2));
        Assert.Equal(chain!.Anchor, Convert.ToHexStringLower(SeedChain.ForDay(new GameKey(GameId.Trx, 600), chain.Secret).Anchor));
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
        var opened = new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stream = fixture.Client.GetStreamProvider(GameStreams.ProviderName).GetStream<GameEvent>(GameStreamIds.ForGame(key));
        var subscription = await stream.SubscribeAsync((gameEvent, _) =>
        {
            if (gameEvent is PeriodOpened announced && announced.PeriodId == Schedule.Next(period).PeriodId)
            {
                opened.TrySetResult(DateTimeOffset.UtcNow);
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
            var readAt = DateTimeOffset.UtcNow;
            await settlement;
            var settledAt = DateTimeOffset.UtcNow;
            var announcedAt = await opened.Task.WaitAsync(TimeSpan.FromSeconds(10));

            Assert.Equal(Players * BetsPerPlayer, (await fixture.Ledger.ReadPeriodBetsAsync(key, period.PeriodId)).Count(bet => bet.Outcome is not null));
            Assert.Equal(Schedule.Next(period).PeriodId, read.Period.PeriodId);
            Assert.True(readAt < settledAt, $"read at {readAt:O}, settled at {settledAt:O}");
            Assert.True(announcedAt < settledAt, $"announced at {announcedAt:O}, settled at {settledAt:O}");
        }
        finally
        {
            await subscription.UnsubscribeAsync();
        }
    }
}
