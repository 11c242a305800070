namespace GameServer.Games;

/// <summary>
/// Makes the days' seed chains ahead of time (SPEC §3 rule 5): every game and duration, for the
/// <see cref="DaysAhead"/> days after today, so each anchor is out at least 24 hours before its day.
/// A reminder runs it every hour; a chain once made is never remade, and no chain is made for a day
/// that has begun unless the operator accepts late chains. Key: <see cref="Key"/>.
/// </summary>
public interface ISeedChainCalendarGrain : IGrainWithStringKey
{
    public const string Key = "seed-chains";

    /// <summary>Days after today whose chains are made: with 2, tomorrow's is out a day ahead even if an hourly run is missed.</summary>
    public const int DaysAhead = 2;

    /// <summary>Makes the missing chains due by the game clock; returns how many it made.</summary>
    Task<int> EnsureAhead();
}
