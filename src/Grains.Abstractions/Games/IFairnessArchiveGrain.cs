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
