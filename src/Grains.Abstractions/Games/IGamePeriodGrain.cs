using GameServer.Wallet;
using Orleans.Concurrency;

namespace GameServer.Games;

/// <summary>
/// One game at one duration (key <c>wingo-60</c> …), running around the clock: opens each period
/// with a committed seed, draws at its end, settles its bets once and publishes what happened.
/// </summary>
public interface IGamePeriodGrain : IGrainWithStringKey
{
    /// <summary>Brings the game up to the clock: settles every ended period, opens the current one.</summary>
    Task CatchUp();

    Task<OpenPeriod> GetOpenPeriod();

    /// <summary>Live totals only; the journal's bet rows are what settlement pays.</summary>
    [OneWay]
    Task RecordBet(string periodId, Money stake);

    Task<PeriodResultPage> GetResults(int page, int limit);

    Task<PeriodProof> GetPeriod(string periodId);
}
