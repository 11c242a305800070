using System.Security.Cryptography;
using System.Text;
using GameServer.Games;
using GameServer.Grains.Journal;
using GameServer.Wallet;

namespace GameServer.Grains.Games;

/// <summary>
/// One game's proof archive of one UTC day (SPEC §3, §7), read from the journal. The secret, and with
/// it every seed of the day, is published only once the day is complete: its last period drawn, or the
/// game gone on to a later day's draws, whatever a silo's clock says; before then, the anchor alone.
/// Totals and RTPs are final once no bet of the day waits for its outcome and the game has looked for
/// late-written ones (<see cref="StragglerGrace"/> after the day); from then the archive never changes,
/// and this activation keeps it.
/// </summary>
/// <remarks>A settled archive of a 30-second game is about half a megabyte: an idle one is let go after a few minutes.</remarks>
[CollectionAgeLimit(Minutes = 5)]
public sealed class FairnessDayGrain(IGameHistory history, IBetBook betBook, GameClock clock) : Grain, IFairnessDayGrain
{
    /// <summary>
    /// After the day, how long before its totals are taken as final: the game looks for bets written
    /// after its settlement one period (at most ten minutes) after the last one ends.
    /// </summary>
    private static readonly TimeSpan StragglerGrace = TimeSpan.FromMinutes(15);

    /// <summary>Changes whenever the archive's shape does, so that an entity tag from before a deployment does not match.</summary>
    private const string FormatVersion = "v1";

    /// <summary>RTPs are published to six decimals (0.000001 of the stakes).</summary>
    private const int RtpDecimals = 6;

    private DayArchive? settled;

    public async Task<DayArchive> Archive()
    {
        if (settled is not null)
        {
            return settled;
        }

        var (game, day) = ParseKey(this.GetPrimaryKeyString());
        var stored = await history.ReadSeedChainAsync(game, day)
            ?? throw GameServerException.NotFound($"No seed chain of {game} for {day:yyyy-MM-dd}.");
        var (first, last) = (Schedule.PeriodOfDay(game, day, 1).PeriodId, Schedule.PeriodOfDay(game, day, Schedule.PeriodsPerDay(game)).PeriodId);
        if (!await IsComplete(game, last))
        {
            return new DayArchive(game, day, stored.Anchor, stored.CreatedAt, false, false, null, [], DayTotals.None, null);
        }

        var chain = SeedChain.ForDay(game, stored.Secret);
        var drawn = (await history.ReadPeriodResultsBetweenAsync(game, first, last)).ToDictionary(result => result.PeriodId, StringComparer.Ordinal);
        var money = (await betBook.ReadPeriodBetTotalsAsync(game, first, last)).ToDictionary(totals => totals.PeriodId, StringComparer.Ordinal);
        var periods = new List<ArchivedPeriod>(chain.Periods);
        for (var index = 1; index <= chain.Periods; index++)
        {
            var periodId = Schedule.PeriodOfDay(game, day, index).PeriodId;
            var bets = money.GetValueOrDefault(periodId);

            // A period the server ran shows the seed it drew with; one it did not run, the result its chain's seed gives.
            var (seed, commit, result, wasDrawn) = drawn.TryGetValue(periodId, out var played)
                ? (played.Seed, played.Commit, played.Result, true)
                : (Convert.ToHexStringLower(chain.SeedOf(index)), FairDraw.Commit(chain.SeedOf(index)), FairDraw.Draw(game, periodId, chain.SeedOf(index)), false);
            periods.Add(new ArchivedPeriod(periodId, seed, commit, result, wasDrawn, bets?.Bets ?? 0, bets?.Staked ?? Money.Zero, bets?.Paid ?? Money.Zero, bets?.Refunded ?? Money.Zero));
        }

        var unsettled = money.Values.Sum(totals => totals.Unsettled);
        var final = unsettled == 0 && clock.GetUtcNow() >= SeedChain.DayStart(day.AddDays(1)) + StragglerGrace;
        var totals = await Totals(game, first, last, periods, unsettled, final);
        var secret = Convert.ToHexStringLower(stored.Secret);
        var archive = new DayArchive(game, day, stored.Anchor, stored.CreatedAt, true, final, secret, periods, totals,
            final ? Version(stored.Anchor, secret, totals) : null);
        settled = archive.Settled ? archive : null;
        return archive;
    }

    /// <summary>
    /// The day is over for the game itself, not for a clock: it has drawn the day's last period or a later
    /// one. Only the game writes results, and only for periods that have ended by its clock.
    /// </summary>
    private async Task<bool> IsComplete(GameKey game, string lastPeriodId) =>
        (await history.ReadPeriodResultsAsync(game, 1, 1)).Results is [var newest, ..] && string.CompareOrdinal(newest.PeriodId, lastPeriodId) >= 0;

    private async Task<DayTotals> Totals(GameKey game, string first, string last, List<ArchivedPeriod> periods, long unsettled, bool final)
    {
        var staked = periods.Aggregate(Money.Zero, (sum, period) => sum + period.Staked);
        var paid = periods.Aggregate(Money.Zero, (sum, period) => sum + period.Paid);
        var refunded = periods.Aggregate(Money.Zero, (sum, period) => sum + period.Refunded);
        var bets = periods.Sum(period => period.Bets);
        var wagered = staked - refunded;
        if (!final || !wagered.IsPositive)
        {
            // Stakes not yet paid would read as lost: no RTP until every bet has its outcome and late ones were looked for.
            return new DayTotals(bets, staked, paid, refunded, unsettled, null, null);
        }

        var selections = await betBook.ReadStakesBySelectionAsync(game, first, last);
        var expected = selections.Sum(selection => selection.Staked.MinorUnits * Payouts.TheoreticalRtp(game.Game, selection.Selection));
        return new DayTotals(bets, staked, paid, refunded, 0,
            Math.Round((decimal)paid.MinorUnits / wagered.MinorUnits, RtpDecimals),
            Math.Round(expected / wagered.MinorUnits, RtpDecimals));
    }

    /// <summary>An entity tag of a settled archive: the anchor, the secret (which fixes every result) and the totals.</summary>
    private static string Version(string anchor, string secret, DayTotals totals) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{FormatVersion}|{anchor}|{secret}|{totals.Bets}|{totals.Staked.MinorUnits}|{totals.Paid.MinorUnits}|{totals.Refunded.MinorUnits}"))))[..32];

    private static (GameKey Game, DateOnly Day) ParseKey(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && GameKey.TryParse(key[..slash], out var game)
            && DateOnly.TryParseExact(key[(slash + 1)..], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day)
            ? (game, day)
            : throw new InvalidOperationException($"'{key}' is not a fairness day key such as wingo-60/2026-11-30.");
    }
}
