using GameServer.Games;
using GameServer.Grains.Journal;
using GameServer.Wallet;
using Orleans.Concurrency;

namespace GameServer.Grains.Games;

/// <summary>
/// The public proof archive (SPEC §3, §7), read from the journal: the anchors published ahead, and for
/// a day that is over, its secret, every period's seed, commit and result, and what was staked and paid.
/// </summary>
[StatelessWorker]
public sealed class FairnessArchiveGrain(GroupCommitJournal journal, GameClock clock) : Grain, IFairnessArchiveGrain
{
    private IJournalStore Store => journal.Store;

    public async Task<IReadOnlyList<DayAnchor>> Anchors(DateOnly from, DateOnly to) =>
        (await Store.ReadSeedChainsAsync(from, to)).Select(chain => new DayAnchor(chain.Game, chain.Day, chain.Anchor, chain.CreatedAt)).ToList();

    public async Task<DayArchive> Day(GameKey game, DateOnly day)
    {
        var stored = await Store.ReadSeedChainAsync(game, day)
            ?? throw GameServerException.NotFound($"No seed chain of {game} for {day:yyyy-MM-dd}.");
        var dayEnds = new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        if (clock.GetUtcNow() < dayEnds)
        {
            // The secret and the seeds stay unpublished until every period of the day is over.
            return new DayArchive(game, day, stored.Anchor, stored.CreatedAt, false, null, [], new DayTotals(0, Money.Zero, Money.Zero, Money.Zero, null, null));
        }

        var chain = SeedChain.ForDay(game, stored.Secret);
        var (first, last) = (Schedule.PeriodOfDay(game, day, 1).PeriodId, Schedule.PeriodOfDay(game, day, chain.Periods).PeriodId);
        var drawn = (await Store.ReadPeriodResultsBetweenAsync(game, first, last)).ToDictionary(result => result.PeriodId, StringComparer.Ordinal);
        var money = (await Store.ReadPeriodBetTotalsAsync(game, first, last)).ToDictionary(totals => totals.PeriodId, StringComparer.Ordinal);
        var periods = new List<ArchivedPeriod>(chain.Periods);
        for (var index = 1; index <= chain.Periods; index++)
        {
            var periodId = Schedule.PeriodOfDay(game, day, index).PeriodId;
            var bets = money.GetValueOrDefault(periodId);

            // A period the server ran shows what it drew; one it did not run, the result its seed gives.
            var (seed, commit, result, wasDrawn) = drawn.TryGetValue(periodId, out var played)
                ? (played.Seed, played.Commit, played.Result, true)
                : (Convert.ToHexStringLower(chain.SeedOf(index)), FairDraw.Commit(chain.SeedOf(index)), FairDraw.Draw(game, periodId, chain.SeedOf(index)), false);
            periods.Add(new ArchivedPeriod(periodId, seed, commit, result, wasDrawn, bets?.Bets ?? 0, bets?.Staked ?? Money.Zero, bets?.Paid ?? Money.Zero, bets?.Refunded ?? Money.Zero));
        }

        return new DayArchive(game, day, stored.Anchor, stored.CreatedAt, true, Convert.ToHexStringLower(stored.Secret), periods,
            await Totals(game, first, last, periods));
    }

    private async Task<DayTotals> Totals(GameKey game, string first, string last, List<ArchivedPeriod> periods)
    {
        var staked = periods.Aggregate(Money.Zero, (sum, period) => sum + period.Staked);
        var paid = periods.Aggregate(Money.Zero, (sum, period) => sum + period.Paid);
        var refunded = periods.Aggregate(Money.Zero, (sum, period) => sum + period.Refunded);
        var wagered = staked - refunded;
        var selections = await Store.ReadStakesBySelectionAsync(game, first, last);
        var expected = selections.Sum(selection => selection.Staked.MinorUnits * Payouts.TheoreticalRtp(game.Game, selection.Selection));
        return new DayTotals(periods.Sum(period => period.Bets), staked, paid, refunded,
            wagered.IsPositive ? Math.Round((decimal)paid.MinorUnits / wagered.MinorUnits, 6) : null,
            wagered.IsPositive ? Math.Round(expected / wagered.MinorUnits, 6) : null);
    }
}
