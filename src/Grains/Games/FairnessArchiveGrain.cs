using GameServer.Games;
using GameServer.Grains.Journal;
using Orleans.Concurrency;

namespace GameServer.Grains.Games;

/// <summary>The anchors published ahead (SPEC §3 rule 5), read from the journal; any silo answers.</summary>
[StatelessWorker]
public sealed class FairnessArchiveGrain(IGameHistory history, GameClock clock) : Grain, IFairnessArchiveGrain
{
    public async Task<IReadOnlyList<DayAnchor>> Anchors(DateOnly? from, DateOnly? to)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var (first, last) = (from ?? today, to ?? today.AddDays(ISeedChainCalendarGrain.DaysAhead));
        if (last < first || last.DayNumber - first.DayNumber >= IFairnessArchiveGrain.MostDaysListed)
        {
            throw GameServerException.Invalid($"to must be from 0 to {IFairnessArchiveGrain.MostDaysListed - 1} days after from.");
        }

        return await history.ReadDayAnchorsAsync(first, last);
    }
}
