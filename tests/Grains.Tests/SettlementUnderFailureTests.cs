using GameServer.Games;
using GameServer.Testing;
using GameServer.Wallet;

namespace GameServer.Grains.Tests;

/// <summary>Its own cluster: this test stops the silo that runs a game.</summary>
public sealed class SettlementUnderFailureTests : IAsyncLifetime
{
    private readonly GameClusterFixture fixture = new();

    public Task InitializeAsync() => fixture.InitializeAsync();

    public Task DisposeAsync() => fixture.DisposeAsync();

    [Fact]
    public async Task Stopping_the_silo_that_runs_a_game_mid_round_reveals_the_committed_seed_and_settles_the_round_exactly_once()
    {
        var key = new GameKey(GameId.Wingo, 60);
        var period = await fixture.StartNextPeriod(key);
        var commitBeforeFailure = (await fixture.Game(key).GetOpenPeriod()).Commit;
        var bets = new List<(IWalletGrain Wallet, BetRequest Bet)>();
        for (var player = 0; player < 20; player++)
        {
            var wallet = await fixture.FundedWallet(Money.FromMajor(100));
            var bet = new BetRequest($"failover-{player}", key, period.PeriodId, GameDriver.Bet(GameId.Wingo, "number", $"{player % 10}"), Money.FromMajor(10));
            await wallet.PlaceBet(bet);
            bets.Add((wallet, bet));
        }

        var host = await fixture.Client.GetGrain<IManagementGrain>(0).GetActivationAddress(fixture.Game(key));
        var silo = fixture.Cluster.Silos.Single(s => s.SiloAddress.Equals(host));
        await fixture.Cluster.StopSiloAsync(silo);

        fixture.Clock.SetUtcNow(period.EndsAt.AddMilliseconds(1));
        await Retry(() => fixture.Game(key).CatchUp());
        await Retry(() => fixture.Game(key).CatchUp());

        // The seed revealed after the failover is the one committed to before it (SPEC §3).
        var proof = await fixture.Game(key).GetPeriod(period.PeriodId);
        Assert.Equal(commitBeforeFailure, proof.Commit);
        Assert.Equal(commitBeforeFailure, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Convert.FromHexString(proof.Seed!))));
        var result = (await fixture.Ledger.ReadPeriodResultAsync(key, period.PeriodId))!.Result;
        Assert.Equal(FairDraw.Draw(key, period.PeriodId, Convert.FromHexString(proof.Seed!)).Values, result.Values);
        foreach (var (wallet, bet) in bets)
        {
            var payout = Payouts.Payout(GameId.Wingo, bet.Selection, result, bet.Stake);
            Assert.Equal(Money.FromMajor(90) + payout, (await wallet.GetBalance()).Available);
        }

        Assert.All(await fixture.Ledger.ReadPeriodBetsAsync(key, period.PeriodId), bet => Assert.NotNull(bet.Outcome));
        var audit = await fixture.Client.GetGrain<ILedgerAuditGrain>(0).Audit();
        Assert.True(audit.Conserved, string.Join("; ", audit.Violations));
    }

    private static async Task Retry(Func<Task> call)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await call();
                return;
            }
            catch (Exception) when (attempt < 20)
            {
                await Task.Delay(250);
            }
        }
    }
}
