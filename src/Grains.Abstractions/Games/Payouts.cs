using GameServer.Wallet;

namespace GameServer.Games;

/// <summary>
/// What each bet wins for each result (SPEC §2). Multipliers are kept in hundredths so that the payout,
/// floor(stake × 0.98 × multiplier), is exact integer arithmetic on minor units.
/// </summary>
public static class Payouts
{
    /// <summary>The 2 % service fee leaves 98 % of the stake in play.</summary>
    private const long StakeInPlayPercent = 98;

    private static readonly Dictionary<int, long> K3SumHundredths = new()
    {
        [3] = 20736, [18] = 20736, [4] = 6912, [17] = 6912, [5] = 3456, [16] = 3456, [6] = 2074, [15] = 2074,
        [7] = 1383, [14] = 1383, [8] = 988, [13] = 988, [9] = 830, [12] = 830, [10] = 768, [11] = 768,
    };

    public static Money Payout(GameId game, BetSelection bet, GameResult result, Money stake)
    {
        var multiplier = MultiplierHundredths(game, bet, result);
        return new Money(checked(stake.MinorUnits * StakeInPlayPercent * multiplier / 10_000));
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(GameId, BetSelection), decimal> Rtps = new();

    /// <summary>
    /// The return to player of a bet (SPEC §2): the payout per unit staked, averaged over every result
    /// the fair draw gives with equal probability (10 digits, 10⁵ five-digit results, 216 throws of three
    /// dice; a TRX digit is uniform like a Wingo one). 0.98 × multiplier × chance of winning, summed.
    /// </summary>
    public static decimal TheoreticalRtp(GameId game, BetSelection bet) => Rtps.GetOrAdd((game, bet), key =>
    {
        var outcomes = AllResults(key.Item1).ToList();
        var multipliers = outcomes.Sum(result => MultiplierHundredths(key.Item1, key.Item2, result));
        return StakeInPlayPercent * (decimal)multipliers / (10_000m * outcomes.Count);
    });

    private static IEnumerable<GameResult> AllResults(GameId game) => game switch
    {
        GameId.Wingo or GameId.Trx => Enumerable.Range(0, 10).Select(digit => new GameResult([digit])),
        GameId.FiveD => Enumerable.Range(0, 100_000).Select(n => new GameResult([n / 10_000, n / 1_000 % 10, n / 100 % 10, n / 10 % 10, n % 10])),
        GameId.K3 => Enumerable.Range(0, 216).Select(n => new GameResult([(n / 36) + 1, (n / 6 % 6) + 1, (n % 6) + 1])),
        _ => throw new ArgumentOutOfRangeException(nameof(game)),
    };

    /// <summary>The multiplier in hundredths (900 = 9×), 0 when the bet loses.</summary>
    public static long MultiplierHundredths(GameId game, BetSelection bet, GameResult result) => game switch
    {
        GameId.Wingo or GameId.Trx => Wingo(bet, result.Values[0]),
        GameId.FiveD => FiveD(bet, result.Values),
        GameId.K3 => K3(bet, result.Values),
        _ => 0,
    };

    private static long Wingo(BetSelection bet, int digit) => (bet.Type, bet.Value) switch
    {
        (BetType.Number, var value) => value[0] - '0' == digit ? 900 : 0,
        (BetType.Color, "green") => digit is 1 or 3 or 7 or 9 ? 200 : digit == 5 ? 150 : 0,
        (BetType.Color, "red") => digit is 2 or 4 or 6 or 8 ? 200 : digit == 0 ? 150 : 0,
        (BetType.Color, "violet") => digit is 0 or 5 ? 450 : 0,
        (BetType.Size, "big") => digit >= 5 ? 200 : 0,
        (BetType.Size, "small") => digit <= 4 ? 200 : 0,
        _ => 0,
    };

    private static long FiveD(BetSelection bet, IReadOnlyList<int> digits)
    {
        var sum = digits.Sum();
        int At() => digits[bet.Position!.Value - 'A'];
        return (bet.Type, bet.Value) switch
        {
            (BetType.Digit, var value) => At() == value[0] - '0' ? 900 : 0,
            (BetType.Size, "big") => At() >= 5 ? 200 : 0,
            (BetType.Size, "small") => At() <= 4 ? 200 : 0,
            (BetType.Parity, "odd") => At() % 2 == 1 ? 200 : 0,
            (BetType.Parity, "even") => At() % 2 == 0 ? 200 : 0,
            (BetType.SumSize, "big") => sum >= 23 ? 200 : 0,
            (BetType.SumSize, "small") => sum <= 22 ? 200 : 0,
            (BetType.SumParity, "odd") => sum % 2 == 1 ? 200 : 0,
            (BetType.SumParity, "even") => sum % 2 == 0 ? 200 : 0,
            _ => 0,
        };
    }

    private static long K3(BetSelection bet, IReadOnlyList<int> dice)
    {
        var sum = dice.Sum();
        var sorted = dice.Order().ToArray();
        var triple = sorted[0] == sorted[2];
        int Count(int value) => dice.Count(d => d == value);
        int[] Values() => bet.Value.Split(',').Select(v => v[0] - '0').ToArray();
        return bet.Type switch
        {
            BetType.Sum => int.Parse(bet.Value, System.Globalization.CultureInfo.InvariantCulture) == sum ? K3SumHundredths[sum] : 0,
            BetType.Size => (bet.Value == "big" ? sum >= 11 : sum <= 10) ? 192 : 0,
            BetType.Parity => (bet.Value == "odd" ? sum % 2 == 1 : sum % 2 == 0) ? 192 : 0,
            BetType.Pair => !triple && Count(bet.Value[0] - '0') >= 2 ? 1383 : 0,
            BetType.PairSingle => Values() is var ps && Count(ps[0]) == 2 && Count(ps[1]) == 1 ? 6912 : 0,
            BetType.Triple => triple && sorted[0] == bet.Value[0] - '0' ? 20736 : 0,
            BetType.AnyTriple => triple ? 3456 : 0,
            BetType.ThreeDifferent => Values().SequenceEqual(sorted) ? 3456 : 0,
            BetType.Straight => sorted[1] == sorted[0] + 1 && sorted[2] == sorted[1] + 1 ? 864 : 0,
            BetType.TwoDifferent => Values() is var td && Count(td[0]) >= 1 && Count(td[1]) >= 1 ? 691 : 0,
            _ => 0,
        };
    }
}
