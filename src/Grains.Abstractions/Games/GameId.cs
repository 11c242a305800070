namespace GameServer.Games;

public enum GameId
{
    Wingo,
    FiveD,
    K3,
    Trx,
}

/// <summary>The four games, their wire names, durations and period codes (SPEC §2).</summary>
public static class GameCatalog
{
    public static readonly IReadOnlyList<GameId> All = [GameId.Wingo, GameId.FiveD, GameId.K3, GameId.Trx];

    public static string WireName(this GameId game) => game switch
    {
        GameId.Wingo => "wingo",
        GameId.FiveD => "5d",
        GameId.K3 => "k3",
        GameId.Trx => "trx",
        _ => throw new ArgumentOutOfRangeException(nameof(game)),
    };

    public static bool TryParse(string? name, out GameId game)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.WireName(), name, StringComparison.OrdinalIgnoreCase))
            {
                game = candidate;
                return true;
            }
        }

        game = default;
        return false;
    }

    public static IReadOnlyList<int> DurationsSeconds(this GameId game) => game == GameId.Wingo ? [30, 60, 180, 300] : [60, 180, 300, 600];

    /// <summary>The 2-digit code a period id carries for this game and duration: wingo 30 s is 01 … trx 600 s is 16.</summary>
    public static int PeriodCode(this GameId game, int durationSeconds)
    {
        var index = game.DurationsSeconds().ToList().IndexOf(durationSeconds);
        return index < 0
            ? throw new ArgumentOutOfRangeException(nameof(durationSeconds), $"{game.WireName()} has no {durationSeconds} s periods.")
            : ((int)game * 4) + index + 1;
    }

    public static IEnumerable<GameKey> AllKeys() => All.SelectMany(game => game.DurationsSeconds().Select(duration => new GameKey(game, duration)));
}

/// <summary>One game at one duration, e.g. <c>wingo-60</c>: the key of its period grain and stream.</summary>
[GenerateSerializer, Immutable]
public readonly record struct GameKey([property: Id(0)] GameId Game, [property: Id(1)] int DurationSeconds)
{
    public TimeSpan Duration => TimeSpan.FromSeconds(DurationSeconds);

    public override string ToString() => $"{Game.WireName()}-{DurationSeconds}";

    public static bool TryCreate(string? game, int durationSeconds, out GameKey key)
    {
        key = default;
        if (!GameCatalog.TryParse(game, out var id) || !id.DurationsSeconds().Contains(durationSeconds))
        {
            return false;
        }

        key = new GameKey(id, durationSeconds);
        return true;
    }

    public static bool TryParse(string? text, out GameKey key)
    {
        key = default;
        var dash = text?.LastIndexOf('-') ?? -1;
        return dash > 0 && int.TryParse(text.AsSpan(dash + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var duration)
            && TryCreate(text![..dash], duration, out key);
    }
}
