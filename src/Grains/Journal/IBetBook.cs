using GameServer.Games;
using GameServer.Wallet;

namespace GameServer.Grains.Journal;

/// <summary>
/// The bet book: every bet (written with its stake's ledger entry) and its outcome once settled.
/// Outcomes are settlement's checkpoint: the first one recorded for a bet stays. A player's bet history
/// is read through <see cref="IHistoryReads"/>.
/// </summary>
public interface IBetBook
{
    /// <summary>Every bet of a period with its outcome if it has one.</summary>
    Task<IReadOnlyList<SettledBet>> ReadPeriodBetsAsync(GameKey game, string periodId, CancellationToken cancellationToken = default);

    /// <summary>Bets of a game with no outcome yet, in periods <paramref name="fromPeriodId"/> (inclusive) to <paramref name="toPeriodId"/> (exclusive).</summary>
    Task<IReadOnlyList<BetRecord>> ReadUnsettledBetsAsync(GameKey game, string fromPeriodId, string toPeriodId, CancellationToken cancellationToken = default);

    Task<int> CountUserBetsAsync(long userId, GameKey game, string periodId, CancellationToken cancellationToken = default);

    /// <summary>Records outcomes; an outcome already recorded for a bet stays as it was.</summary>
    Task RecordOutcomesAsync(IReadOnlyList<BetOutcome> outcomes, CancellationToken cancellationToken = default);

    /// <summary>Per period with bets, <paramref name="fromPeriodId"/> to <paramref name="toPeriodId"/> (inclusive): bets, stakes, payouts, refunds, bets without an outcome.</summary>
    Task<IReadOnlyList<PeriodBetTotals>> ReadPeriodBetTotalsAsync(GameKey game, string fromPeriodId, string toPeriodId, CancellationToken cancellationToken = default);

    /// <summary>Stakes per selection over periods <paramref name="fromPeriodId"/> to <paramref name="toPeriodId"/> (inclusive), refunded bets left out.</summary>
    Task<IReadOnlyList<SelectionStake>> ReadStakesBySelectionAsync(GameKey game, string fromPeriodId, string toPeriodId, CancellationToken cancellationToken = default);
}
