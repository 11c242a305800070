namespace GameServer.Games;

/// <summary>
/// One game's proof archive of one UTC day, keyed by <see cref="KeyOf"/>. A settled day never changes,
/// so its activation keeps it and serves it from memory.
/// </summary>
public interface IFairnessDayGrain : IGrainWithStringKey
{
    public static string KeyOf(GameKey game, DateOnly day) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{game}/{day:yyyy-MM-dd}");

    /// <summary>The day's archive; <see cref="ErrorKind.NotFound"/> when the day has no chain.</summary>
    Task<DayArchive> Archive();
}
