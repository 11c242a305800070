using Orleans.Runtime;

namespace GameServer.Games;

/// <summary>What a game publishes, once per game and duration, on its stream.</summary>
[GenerateSerializer, Immutable]
public abstract record GameEvent([property: Id(0)] GameKey Game, [property: Id(1)] string PeriodId);

[GenerateSerializer, Immutable]
public sealed record PeriodOpened(
    GameKey Game,
    string PeriodId,
    [property: Id(0)] DateTimeOffset BettingClosesAt,
    [property: Id(1)] DateTimeOffset EndsAt,
    [property: Id(2)] string Commit) : GameEvent(Game, PeriodId);

[GenerateSerializer, Immutable]
public sealed record BettingClosed(GameKey Game, string PeriodId, [property: Id(0)] DateTimeOffset EndsAt) : GameEvent(Game, PeriodId);

[GenerateSerializer, Immutable]
public sealed record ResultDrawn(
    GameKey Game,
    string PeriodId,
    [property: Id(0)] GameResult Result,
    [property: Id(1)] string Seed,
    [property: Id(2)] string Commit,
    [property: Id(3)] DateTimeOffset DrawnAt) : GameEvent(Game, PeriodId);

/// <summary>
/// Part of a period's settlement (payouts, or refunds of stakes its period never drew), for every
/// frontend to pass on to the players it holds: one message per few thousand players instead of a
/// stream per player, so a round's cost does not grow with players who are not connected anywhere.
/// A player whose wallet moved carries the balance after it; a loser's balance did not move, and the
/// frontend reads it only for a loser it holds.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record PlayersSettled(GameKey Game, string PeriodId, [property: Id(0)] IReadOnlyList<PlayerSettlement> Players) : GameEvent(Game, PeriodId);

[GenerateSerializer, Immutable]
public sealed record PlayerSettlement(
    [property: Id(0)] long UserId,
    [property: Id(1)] IReadOnlyList<PlayerBetOutcome> Bets,
    [property: Id(2)] Wallet.Balance? BalanceAfterPayout);

/// <summary>How one bet ended: won (with its payout), lost, or refunded (its stake given back, in <see cref="Payout"/>).</summary>
[GenerateSerializer, Immutable]
public sealed record PlayerBetOutcome(
    [property: Id(0)] string BetId,
    [property: Id(1)] BetOutcomeKind Kind,
    [property: Id(2)] Wallet.Money Payout)
{
    public bool Won => Kind == BetOutcomeKind.Won;
}

public static class GameStreamIds
{
    public const string GameNamespace = "game";

    public static StreamId ForGame(GameKey game) => StreamId.Create(GameNamespace, game.ToString());
}
