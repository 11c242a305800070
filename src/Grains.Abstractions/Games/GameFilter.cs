namespace GameServer.Games;

/// <summary>
/// Which game-durations a query keeps (SPEC §2, §7 bet history): one game (all its durations), one
/// duration in seconds (every game that runs it), both (one game-duration), or neither (all sixteen).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record GameFilter([property: Id(0)] GameId? Game = null, [property: Id(1)] int? DurationSeconds = null)
{
    /// <summary>Every game at every duration.</summary>
    public static readonly GameFilter All = new();

    /// <summary>True when nothing is filtered out.</summary>
    public bool IsAll => Game is null && DurationSeconds is null;

    /// <summary>The game-durations kept, in catalogue order: a non-empty subset of <see cref="GameCatalog.AllKeys"/>.</summary>
    public IReadOnlyList<GameKey> Keys => GameCatalog.AllKeys().Where(Matches).ToList();

    public bool Matches(GameKey key) => (Game is null || key.Game == Game) && (DurationSeconds is null || key.DurationSeconds == DurationSeconds);

    /// <summary>
    /// The filter named by a request's <paramref name="game"/> (wire name, any case: <c>wingo</c>, <c>5d</c>,
    /// <c>k3</c>, <c>trx</c>) and <paramref name="durationSeconds"/>, either or both absent. An unknown game, or a
    /// duration no game runs (or, with a game, that this game does not run), is refused with the problem to
    /// answer (400), naming what is valid.
    /// </summary>
    public static bool TryCreate(string? game, int? durationSeconds, out GameFilter filter, out string? problem)
    {
        (filter, problem) = (All, null);
        GameId? id = null;
        if (!string.IsNullOrEmpty(game))
        {
            if (!GameCatalog.TryParse(game, out var parsed))
            {
                problem = $"game must be one of: {string.Join(", ", GameCatalog.All.Select(g => g.WireName()))}.";
                return false;
            }

            id = parsed;
        }

        if (durationSeconds is { } duration)
        {
            var durations = id is { } one ? one.DurationsSeconds() : [.. GameCatalog.All.SelectMany(g => g.DurationsSeconds()).Distinct().Order()];
            if (!durations.Contains(duration))
            {
                problem = id is { } named
                    ? $"duration must be one of {string.Join(", ", durations)} for {named.WireName()}."
                    : $"duration must be one of {string.Join(", ", durations)} (seconds).";
                return false;
            }
        }

        filter = new GameFilter(id, durationSeconds);
        return true;
    }
}
