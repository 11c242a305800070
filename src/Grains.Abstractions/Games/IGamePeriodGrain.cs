using GameServer.Wallet;
using Orleans.Concurrency;

namespace GameServer.Games;

/// <summary>
/// One game at one duration (key <c>wingo-60</c> …), running around the clock: opens each period
/// with a committed seed, draws at its end, settles its bets once and publishes what happened. It is
/// the one authority on which period takes bets: wallets on other silos, with other clocks, ask it.
/// </summary>
public interface IGamePeriodGrain : IGrainWithStringKey
{
    /// <summary>
    /// Brings the game up to the clock: draws every ended period and opens the current one, then
    /// settles the drawn periods. Completes when the settlements are done.
    /// </summary>
    Task CatchUp();

    /// <summary>The open period with its commit and live totals. Never waits behind a settlement.</summary>
    [AlwaysInterleave]
    Task<OpenPeriod> GetOpenPeriod();

    /// <summary>
    /// Admits a bet to the open period by this game's own clock: the period must be open (its commit
    /// published), betting not yet closed, and, when the player named one, it must be
    /// <paramref name="periodId"/>. Refusals are <see cref="ErrorKind.Conflict"/> (SPEC §2, §3 rule 6).
    /// Interleaves with the game's other turns so that bets are not held up by a settlement.
    /// </summary>
    [AlwaysInterleave]
    Task<BetAdmission> AdmitBet(string? periodId);

    /// <summary>Live totals only; the journal's bet rows are what settlement pays.</summary>
    [OneWay, AlwaysInterleave]
    Task RecordBet(string periodId, Money stake);

    /// <summary>Drawn periods, newest first (1-based pages).</summary>
    [AlwaysInterleave]
    Task<PeriodResultPage> GetResults(int page, int limit);

    /// <summary>One period with its proof; the seed only once it has ended. Unknown or unplayed: <see cref="ErrorKind.NotFound"/>.</summary>
    [AlwaysInterleave]
    Task<PeriodProof> GetPeriod(string periodId);
}

/// <summary>The period a bet was admitted to: open, its commit published, betting not yet closed by the game's clock.</summary>
[GenerateSerializer, Immutable]
public sealed record BetAdmission([property: Id(0)] Period Period);
