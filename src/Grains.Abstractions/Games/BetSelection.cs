namespace GameServer.Games;

public enum BetType
{
    Number,
    Color,
    Size,
    Digit,
    Parity,
    SumSize,
    SumParity,
    Sum,
    Pair,
    PairSingle,
    Triple,
    AnyTriple,
    ThreeDifferent,
    Straight,
    TwoDifferent,
}

/// <summary>What a bet is on, validated and normalised (e.g. K3 <c>three_different</c> values sorted).</summary>
[GenerateSerializer, Immutable]
public sealed record BetSelection(
    [property: Id(0)] BetType Type,
    [property: Id(1)] string Value,
    [property: Id(2)] char? Position = null)
{
    public override string ToString() => Position is { } position ? $"{Type}:{position}:{Value}" : $"{Type}:{Value}";
}

/// <summary>Which bets each game takes (SPEC §2), and the parsing of the wire form into a <see cref="BetSelection"/>.</summary>
public static class BetRules
{
    public static readonly IReadOnlyDictionary<string, BetType> WireNames = Enum.GetValues<BetType>()
        .ToDictionary(type => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(type.ToString()), type => type, StringComparer.OrdinalIgnoreCase);

    public static string WireName(this BetType type) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(type.ToString());

    /// <summary>Parses a bet of the given game, or returns the reason it is not one.</summary>
    public static bool TryParse(GameId game, string? type, string? value, string? position, out BetSelection selection, out string problem)
    {
        selection = null!;
        problem = "";
        if (type is null || !WireNames.TryGetValue(type, out var betType))
        {
            problem = $"type must be one of: {string.Join(", ", TypesOf(game).Select(WireName))}.";
            return false;
        }

        if (!TypesOf(game).Contains(betType))
        {
            problem = $"{game.WireName()} takes no '{betType.WireName()}' bets.";
            return false;
        }

        var needsPosition = game == GameId.FiveD && betType is BetType.Digit or BetType.Size or BetType.Parity;
        char? pos = null;
        if (needsPosition)
        {
            if (position is not { Length: 1 } || position.ToUpperInvariant()[0] is < 'A' or > 'E')
            {
                problem = "position must be one of A, B, C, D, E.";
                return false;
            }

            pos = position.ToUpperInvariant()[0];
        }
        else if (!string.IsNullOrEmpty(position))
        {
            problem = $"A {betType.WireName()} bet takes no position.";
            return false;
        }

        var normalised = Normalise(game, betType, value?.Trim().ToLowerInvariant() ?? "");
        if (normalised is null)
        {
            problem = $"'{ClientText.Cut(value)}' is not a valid value for a {game.WireName()} {betType.WireName()} bet.";
            return false;
        }

        selection = new BetSelection(betType, normalised, pos);
        return true;
    }

    public static IReadOnlyList<BetType> TypesOf(GameId game) => game switch
    {
        GameId.Wingo or GameId.Trx => [BetType.Number, BetType.Color, BetType.Size],
        GameId.FiveD => [BetType.Digit, BetType.Size, BetType.Parity, BetType.SumSize, BetType.SumParity],
        GameId.K3 => [BetType.Sum, BetType.Size, BetType.Parity, BetType.Pair, BetType.PairSingle, BetType.Triple,
            BetType.AnyTriple, BetType.ThreeDifferent, BetType.Straight, BetType.TwoDifferent],
        _ => [],
    };

    private static string? Normalise(GameId game, BetType type, string value) => (game, type) switch
    {
        (GameId.Wingo or GameId.Trx, BetType.Number) or (GameId.FiveD, BetType.Digit) => Integer(value, 0, 9),
        (GameId.Wingo or GameId.Trx, BetType.Color) => value is "green" or "red" or "violet" ? value : null,
        (_, BetType.Size or BetType.SumSize) => value is "big" or "small" ? value : null,
        (_, BetType.Parity or BetType.SumParity) => value is "odd" or "even" ? value : null,
        (GameId.K3, BetType.Sum) => Integer(value, 3, 18),
        (GameId.K3, BetType.Pair or BetType.Triple) => Integer(value, 1, 6),
        (GameId.K3, BetType.AnyTriple or BetType.Straight) => value is "" or "any" or "all" ? "" : null,
        (GameId.K3, BetType.PairSingle) => Dice(value, 2, sort: false) is { } d && d[0] != d[1] ? $"{d[0]},{d[1]}" : null,
        (GameId.K3, BetType.TwoDifferent) => Dice(value, 2, sort: true) is { } d && d[0] != d[1] ? $"{d[0]},{d[1]}" : null,
        (GameId.K3, BetType.ThreeDifferent) => Dice(value, 3, sort: true) is { } d && d.Distinct().Count() == 3 ? string.Join(",", d) : null,
        _ => null,
    };

    private static string? Integer(string value, int min, int max) =>
        int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : null;

    private static int[]? Dice(string value, int count, bool sort)
    {
        var parts = value.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != count)
        {
            return null;
        }

        var dice = new int[count];
        for (var i = 0; i < count; i++)
        {
            if (Integer(parts[i], 1, 6) is not { } die)
            {
                return null;
            }

            dice[i] = die[0] - '0';
        }

        if (sort)
        {
            Array.Sort(dice);
        }

        return dice;
    }
}
