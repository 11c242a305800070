namespace GameServer;

/// <summary>
/// The stream provider each game publishes its events on (periods opened and closed, results, the
/// settlement notices of its players), one stream per game-duration; silos and frontends share the name.
/// A player's balance changes reach the frontends by wallet observers instead (<see cref="Wallet.IBalanceObserver"/>).
/// </summary>
public static class GameStreams
{
    public const string ProviderName = "GameEvents";
}
