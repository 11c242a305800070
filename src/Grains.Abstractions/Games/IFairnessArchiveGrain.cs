namespace GameServer.Games;

/// <summary>The anchors published ahead, read from the journal. Stateless; key 0.</summary>
public interface IFairnessArchiveGrain : IGrainWithIntegerKey
{
    /// <summary>The most days one listing covers.</summary>
    public const int MostDaysListed = 31;

    /// <summary>
    /// The anchors of every game for the days <paramref name="from"/> to <paramref name="to"/>
    /// (inclusive; by default today to the last day made ahead, by the game clock). Throws
    /// <see cref="ErrorKind.Invalid"/> for a reversed span or one longer than <see cref="MostDaysListed"/> days.
    /// </summary>
    Task<IReadOnlyList<DayAnchor>> Anchors(DateOnly? from, DateOnly? to);
}

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
