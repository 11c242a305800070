using GameServer.Wallet;

namespace GameServer.Games;

/// <summary>A bet as the journal keeps it: written with its stake entry in one durable step.</summary>
[GenerateSerializer, Immutable]
public sealed record BetRecord(
    [property: Id(0)] string BetId,
    [property: Id(1)] long UserId,
    [property: Id(2)] GameKey Game,
    [property: Id(3)] string PeriodId,
    [property: Id(4)] BetSelection Selection,
    [property: Id(5)] Money Stake,
    [property: Id(6)] DateTimeOffset PlacedAt);

/// <summary>How a bet ended; recorded once per bet after its payout (if any) is in the ledger.</summary>
[GenerateSerializer, Immutable]
public sealed record BetOutcome(
    [property: Id(0)] string BetId,
    [property: Id(1)] long UserId,
    [property: Id(2)] GameKey Game,
    [property: Id(3)] string PeriodId,
    [property: Id(4)] BetOutcomeKind Kind,
    [property: Id(5)] Money Payout,
    [property: Id(6)] DateTimeOffset SettledAt);

public enum BetOutcomeKind
{
    Lost,
    Won,
    Refunded,
}

/// <summary>A bet with its outcome once settled.</summary>
[GenerateSerializer, Immutable]
public sealed record SettledBet([property: Id(0)] BetRecord Bet, [property: Id(1)] BetOutcome? Outcome);

[GenerateSerializer, Immutable]
public sealed record BetHistoryPage(
    [property: Id(0)] IReadOnlyList<SettledBet> Bets,
    [property: Id(1)] int Page,
    [property: Id(2)] int Limit,
    [property: Id(3)] long Total);

/// <summary>A player's request to bet; the id makes it idempotent.</summary>
[GenerateSerializer, Immutable]
public sealed record BetRequest(
    [property: Id(0)] string BetId,
    [property: Id(1)] GameKey Game,
    [property: Id(2)] string? PeriodId,
    [property: Id(3)] BetSelection Selection,
    [property: Id(4)] Money Stake);

[GenerateSerializer, Immutable]
public sealed record BetReceipt(
    [property: Id(0)] string BetId,
    [property: Id(1)] string PeriodId,
    [property: Id(2)] Money Stake,
    [property: Id(3)] Wallet.Balance Balance,
    [property: Id(4)] DateTimeOffset PlacedAt);

/// <summary>One player's bets of one period with their outcomes, for the wallet to pay.</summary>
[GenerateSerializer, Immutable]
public sealed record PeriodSettlement(
    [property: Id(0)] GameKey Game,
    [property: Id(1)] string PeriodId,
    [property: Id(2)] GameResult Result,
    [property: Id(3)] IReadOnlyList<BetOutcome> Outcomes);

/// <summary>A drawn period with everything needed to verify it (SPEC §3).</summary>
[GenerateSerializer, Immutable]
public sealed record PeriodResult(
    [property: Id(0)] GameKey Game,
    [property: Id(1)] string PeriodId,
    [property: Id(2)] string Commit,
    [property: Id(3)] string Seed,
    [property: Id(4)] GameResult Result,
    [property: Id(5)] DateTimeOffset EndsAt,
    [property: Id(6)] DateTimeOffset DrawnAt);

[GenerateSerializer, Immutable]
public sealed record PeriodResultPage(
    [property: Id(0)] IReadOnlyList<PeriodResult> Results,
    [property: Id(1)] int Page,
    [property: Id(2)] int Limit,
    [property: Id(3)] long Total);

/// <summary>
/// The open period as players see it: when betting closes, and the commit to its seed.
/// <see cref="ServerTime"/> is the game's clock when it answered, so that a client counts down by the
/// game's time rather than its own (SPEC §2: the server decides when betting closes).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record OpenPeriod(
    [property: Id(0)] Period Period,
    [property: Id(1)] string Commit,
    [property: Id(2)] long Bets,
    [property: Id(3)] Money TotalStake,
    [property: Id(4)] DateTimeOffset ServerTime);

/// <summary>One period with its proof: the seed only once the period has ended.</summary>
[GenerateSerializer, Immutable]
public sealed record PeriodProof(
    [property: Id(0)] Period Period,
    [property: Id(1)] string Commit,
    [property: Id(2)] string? Seed,
    [property: Id(3)] GameResult? Result,
    [property: Id(4)] string Algorithm);
