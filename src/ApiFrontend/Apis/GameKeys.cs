using GameServer.Games;

namespace GameServer.ApiFrontend.Apis;

/// <summary>The game and duration a request names (SPEC §2: four games, sixteen game-durations), read in one place.</summary>
internal static class GameKeys
{
    /// <summary>
    /// The game-duration named by <paramref name="game"/> (wire name, any case) and <paramref name="durationSeconds"/>.
    /// An unknown game is <see cref="ErrorKind.NotFound"/>, naming the games; a duration the game does not run is
    /// <paramref name="badDuration"/> (Invalid for a query value, NotFound for a path segment), naming its durations.
    /// </summary>
    public static GameKey FromRequest(string? game, int durationSeconds, ErrorKind badDuration)
    {
        if (GameKey.TryCreate(game, durationSeconds, out var key))
        {
            return key;
        }

        return GameCatalog.TryParse(game, out var id)
            ? throw new GameServerException(badDuration, $"duration must be one of {string.Join(", ", id.DurationsSeconds())} for {id.WireName()}.")
            : throw GameServerException.NotFound($"No game named '{ClientText.Cut(game ?? "")}'. Games: {string.Join(", ", GameCatalog.All.Select(g => g.WireName()))}.");
    }
}
