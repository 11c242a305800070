using GameServer.Games;
using GameServer.Reports;
using GameServer.Wallet;

namespace GameServer.Grains.Journal;

/// <summary>A store's aggregate of one entry type over one UTC day.</summary>
public readonly record struct MovementRow(DateOnly Day, LedgerEntryType Type, Money Amount, long Entries, long Accounts);

/// <summary>A store's aggregate of the bets of one game-duration placed on one UTC day.</summary>
public readonly record struct PlacedBetsRow(DateOnly Day, GameKey Game, long Players, long Bets, Money Stakes);

/// <summary>A store's aggregate of the outcomes of one game-duration recorded on one UTC day.</summary>
public readonly record struct SettledBetsRow(DateOnly Day, GameKey Game, Money Payouts, Money Refunds);

/// <summary>
/// Turns a store's aggregate rows into the report's days, the same way for every store: every day of
/// the range, every entry type of every day (zero when none moved), and the game-durations of each
/// day in catalogue order (game, then duration).
/// </summary>
public static class ReportAssembly
{
    public static IReadOnlyList<ReportDay> Days(
        DateOnly from, DateOnly to, IEnumerable<MovementRow> movements, IEnumerable<PlacedBetsRow> placed, IEnumerable<SettledBetsRow> settled)
    {
        var movementsByDay = movements.ToLookup(row => row.Day);
        var placedByDay = placed.ToLookup(row => row.Day);
        var settledByDay = settled.ToLookup(row => row.Day);
        var days = new List<ReportDay>(to.DayNumber - from.DayNumber + 1);
        for (var dayNumber = from.DayNumber; dayNumber <= to.DayNumber; dayNumber++)
        {
            var day = DateOnly.FromDayNumber(dayNumber);
            var ofDay = movementsByDay[day].ToDictionary(row => row.Type, row => new Movement(row.Amount, row.Entries, row.Accounts));
            var allTypes = Enum.GetValues<LedgerEntryType>().ToDictionary(type => type, type => ofDay.GetValueOrDefault(type) ?? Movement.None);
            var bets = placedByDay[day].ToDictionary(row => row.Game);
            var outcomes = settledByDay[day].ToDictionary(row => row.Game);
            var games = bets.Keys.Union(outcomes.Keys)
                .OrderBy(game => game.Game).ThenBy(game => game.DurationSeconds)
                .Select(game =>
                {
                    var (placedRow, settledRow) = (bets.GetValueOrDefault(game), outcomes.GetValueOrDefault(game));
                    return new GameDay(game, placedRow.Players, placedRow.Bets, placedRow.Stakes, settledRow.Payouts, settledRow.Refunds);
                })
                .ToList();
            days.Add(new ReportDay(day, allTypes, games));
        }

        return days;
    }
}
