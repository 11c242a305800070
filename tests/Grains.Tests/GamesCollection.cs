using GameServer.Games;
using GameServer.Testing;
using GameServer.Wallet;

namespace GameServer.Grains.Tests;

[CollectionDefinition(Name)]
public sealed class GamesCollection : ICollectionFixture<GameClusterFixture>
{
    public const string Name = "games";
}

/// <summary>Moves a test cluster's clock through a game's periods and funds players.</summary>
public static class GameDriver
{
    private static long nextPlayer = 80_000_000;

    public static long NewPlayerId() => Interlocked.Increment(ref nextPlayer);

    public static IGamePeriodGrain Game(this GameClusterFixture fixture, GameKey key) => fixture.Client.GetGrain<IGamePeriodGrain>(key.ToString());

    /// <summary>Moves the clock one second into the next period of the game and lets the game catch up.</summary>
    public static async Task<Period> StartNextPeriod(this GameClusterFixture fixture, GameKey key)
    {
        var next = Schedule.Next(Schedule.PeriodAt(key, fixture.Clock.GetUtcNow()));
        fixture.Clock.SetUtcNow(next.StartsAt.AddSeconds(1));
        await fixture.Game(key).CatchUp();
        return next;
    }

    public static async Task EndPeriod(this GameClusterFixture fixture, Period period)
    {
        fixture.Clock.SetUtcNow(period.EndsAt.AddMilliseconds(1));
        await fixture.Game(period.Game).CatchUp();
    }

    public static async Task<IWalletGrain> FundedWallet(this GameClusterFixture fixture, Money amount)
    {
        var wallet = fixture.Client.GetGrain<IWalletGrain>(NewPlayerId());
        await wallet.CreditDeposit($"fund-{Guid.NewGuid():N}", amount, "test");
        return wallet;
    }

    public static BetSelection Bet(GameId game, string type, string value, string? position = null) =>
        BetRules.TryParse(game, type, value, position, out var selection, out var problem) ? selection : throw new ArgumentException(problem);
}
