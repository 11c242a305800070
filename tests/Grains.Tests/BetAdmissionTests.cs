using GameServer.Games;
using GameServer.Testing;
using GameServer.Wallet;
using Microsoft.Extensions.Time.Testing;
using Orleans.Runtime;

namespace GameServer.Grains.Tests;

/// <summary>Two silos whose game clocks differ by ten seconds, more than the five seconds betting closes before a draw.</summary>
public sealed class SkewedClocksFixture : GameClusterFixture
{
    private readonly Dictionary<string, FakeTimeProvider> clocks = new(StringComparer.Ordinal);

    protected override TimeProvider GameTimeOf(string siloName)
    {
        lock (clocks)
        {
            if (!clocks.TryGetValue(siloName, out var clock))
            {
                // Every silo's clock starts where the cluster's does; each silo then moves its own.
                clocks[siloName] = clock = TestClock.Moving(Clock.Start);
            }

            return clock;
        }
    }

    /// <summary>The game clock of the silo at this address.</summary>
    public FakeTimeProvider ClockOf(SiloAddress silo) => (FakeTimeProvider)GameTimeOf(Cluster.Silos.Single(handle => handle.SiloAddress.Equals(silo)).Name);
}

public sealed class BetAdmissionTests(SkewedClocksFixture fixture) : IClassFixture<SkewedClocksFixture>
{
    private static readonly GameKey Wingo60 = new(GameId.Wingo, 60);

    [Fact]
    public async Task A_wallet_whose_silo_clock_lags_cannot_bet_on_a_period_the_game_has_already_drawn()
    {
        var game = fixture.Client.GetGrain<IGamePeriodGrain>(Wingo60.ToString());
        var wallet = fixture.Client.GetGrain<IWalletGrain>(GameDriver.NewPlayerId());
        await wallet.CreditDeposit($"fund-{Guid.NewGuid():N}", Money.FromMajor(100), "test");
        await game.CatchUp();
        var (gameSilo, walletSilo) = await SeparateSilos(game, wallet);

        // The game's silo is one second past period P; the wallet's silo lags ten seconds, inside P's betting window.
        var period = Schedule.Next(Schedule.PeriodAt(Wingo60, fixture.ClockOf(gameSilo).GetUtcNow()));
        fixture.ClockOf(gameSilo).SetUtcNow(period.EndsAt.AddSeconds(1));
        fixture.ClockOf(walletSilo).SetUtcNow(period.EndsAt.AddSeconds(-9));
        await game.CatchUp();
        Assert.NotNull(await fixture.Ledger.ReadPeriodResultAsync(Wingo60, period.PeriodId));

        var late = new BetRequest($"late-{Guid.NewGuid():N}", Wingo60, period.PeriodId, GameDriver.Bet(GameId.Wingo, "size", "big"), Money.FromMajor(10));
        var refused = await Assert.ThrowsAsync<GameServerException>(() => wallet.PlaceBet(late));
        var current = await wallet.PlaceBet(late with { BetId = $"now-{Guid.NewGuid():N}", PeriodId = null });

        Assert.Equal(ErrorKind.Conflict, refused.Kind);
        Assert.Empty(await fixture.Ledger.ReadPeriodBetsAsync(Wingo60, period.PeriodId));
        Assert.Null(await fixture.Ledger.FindOperationAsync(wallet.GetPrimaryKeyLong(), $"bet:{late.BetId}"));
        Assert.Equal(Schedule.Next(period).PeriodId, current.PeriodId);
        Assert.Equal(Money.FromMajor(90), (await wallet.GetBalance()).Available);
    }

    /// <summary>Puts the wallet on the other silo than the game, and says which is which.</summary>
    private async Task<(SiloAddress Game, SiloAddress Wallet)> SeparateSilos(IGamePeriodGrain game, IWalletGrain wallet)
    {
        var management = fixture.Client.GetGrain<IManagementGrain>(0);
        var gameSilo = await management.GetActivationAddress(game) ?? throw new InvalidOperationException("The game is not active.");
        var walletSilo = await management.GetActivationAddress(wallet);
        if (gameSilo.Equals(walletSilo))
        {
            var other = fixture.Cluster.Silos.Select(silo => silo.SiloAddress).First(silo => !silo.Equals(gameSilo));
            await fixture.Cluster.MigrateAsync(wallet, other);
            await wallet.GetBalance();
            walletSilo = await management.GetActivationAddress(wallet);
        }

        Assert.NotEqual(gameSilo, walletSilo);
        return (gameSilo, walletSilo!);
    }
}
