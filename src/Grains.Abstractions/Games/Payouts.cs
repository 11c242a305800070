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

    /// <summary>
    /// The return to player of a bet (SPEC §2): the payout per unit staked, 0.98 × multiplier, averaged
    /// over the results the fair draw gives and their probabilities: 10 equally likely digits (Wingo,
    /// TRX), 216 equally likely throws of three dice (K3), and for 5D a position's 10 equally likely
    /// digits or the exact distribution of the five digits' sum.
    /// </summary>
    public static decimal TheoreticalRtp(GameId game, BetSelection bet)
    {
        var (multipliers, outcomes) = WeightedResults(game, bet)
            .Aggregate((Sum: 0m, Weight: 0L), (total, weighted) => (total.Sum + (weighted.Weight * (decimal)MultiplierHundredths(game, bet, weighted.Result)), total.Weight + weighted.Weight));
        return StakeInPlayPercent * multipliers / (HundredthsPercent * outcomes);
    }

    /// <summary>A multiplier in hundredths times a percentage: 10,000 makes it a plain fraction.</summary>
    private const decimal HundredthsPercent = 10_000m;

    /// <summary>Results that stand for every draw the bet can see, each with how many of the equally likely draws it stands for.</summary>
    private static IEnumerable<(GameResult Result, long Weight)> WeightedResults(GameId game, BetSelection bet) => game switch
    {
        GameId.Wingo or GameId.Trx => Enumerable.Range(0, 10).Select(digit => (new GameResult([digit]), 1L)),
        GameId.K3 => Enumerable.Range(0, 216).Select(n => (new GameResult([(n / 36) + 1, (n / 6 % 6) + 1, (n % 6) + 1]), 1L)),
        GameId.FiveD when bet.Position is { } position => Enumerable.Range(0, 10).Select(digit => (FiveDigits(position - 'A', digit), 1L)),
        GameId.FiveD => FiveDigitSums().Select((ways, sum) => (FiveDigitsSumming(sum), ways)),
        _ => throw new ArgumentOutOfRangeException(nameof(game)),
    };

    /// <summary>A 5D result with <paramref name="digit"/> at one position and zeros elsewhere: a position bet sees that digit alone.</summary>
    private static GameResult FiveDigits(int position, int digit)
    {
        var digits = new int[5];
        digits[position] = digit;
        return new GameResult(digits);
    }

    /// <summary>A 5D result whose digits add up to <paramref name="sum"/> (0 to 45): a sum bet sees the sum alone.</summary>
    private static GameResult FiveDigitsSumming(int sum) =>
        new(Enumerable.Range(0, 5).Select(position => Math.Clamp(sum - (9 * position), 0, 9)).ToArray());

    /// <summary>How many of the 10⁵ five-digit results add up to each sum 0 to 45, by convolution.</summary>
    private static long[] FiveDigitSums()
    {
        long[] ways = [1];
        for (var digit = 0; digit < 5; digit++)
        {
            var next = new long[ways.Length + 9];
            for (var sum = 0; sum < ways.Length; sum++)
            {
                for (var value = 0; value <= 9; value++)
                {
                    next[sum + value] += ways[sum];
                }
            }

            ways = next;
        }

        return ways;
    }

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
