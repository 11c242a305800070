using GameServer.Games;
using GameServer.Wallet;

namespace GameServer.Rules.Tests;

public sealed class PayoutTests
{
    private static readonly Money Stake = Money.FromMajor(100);

    private static BetSelection Bet(GameId game, string type, string value, string? position = null)
    {
        Assert.True(BetRules.TryParse(game, type, value, position, out var selection, out var problem), problem);
        return selection;
    }

    [Theory]
    [InlineData(0, 0, "1.5", "4.5", 0, 2)]
    [InlineData(1, 2, 0, 0, 0, 2)]
    [InlineData(2, 0, 2, 0, 0, 2)]
    [InlineData(5, "1.5", 0, "4.5", 2, 0)]
    [InlineData(9, 2, 0, 0, 2, 0)]
    [InlineData(4, 0, 2, 0, 0, 2)]
    public void Wingo_colours_and_sizes_for_each_digit(int digit, object green, object red, object violet, object big, object small)
    {
        foreach (var game in new[] { GameId.Wingo, GameId.Trx })
        {
            var result = new GameResult([digit]);
            Assert.Equal(Expected(green), Payouts.Payout(game, Bet(game, "color", "green"), result, Stake));
            Assert.Equal(Expected(red), Payouts.Payout(game, Bet(game, "color", "red"), result, Stake));
            Assert.Equal(Expected(violet), Payouts.Payout(game, Bet(game, "color", "violet"), result, Stake));
            Assert.Equal(Expected(big), Payouts.Payout(game, Bet(game, "size", "big"), result, Stake));
            Assert.Equal(Expected(small), Payouts.Payout(game, Bet(game, "size", "small"), result, Stake));
        }
    }

    /// <summary>SPEC §2's colour table, digit by digit: green 1,3,7,9 (×2) and 5 (×1.5); red 2,4,6,8 (×2) and 0 (×1.5); violet 0 and 5 (×4.5).</summary>
    [Theory]
    [InlineData(0, "0", "1.5", "4.5")]
    [InlineData(1, "2", "0", "0")]
    [InlineData(2, "0", "2", "0")]
    [InlineData(3, "2", "0", "0")]
    [InlineData(4, "0", "2", "0")]
    [InlineData(5, "1.5", "0", "4.5")]
    [InlineData(6, "0", "2", "0")]
    [InlineData(7, "2", "0", "0")]
    [InlineData(8, "0", "2", "0")]
    [InlineData(9, "2", "0", "0")]
    public void Every_digits_colours_pay_as_the_table_says(int digit, string green, string red, string violet)
    {
        foreach (var game in new[] { GameId.Wingo, GameId.Trx })
        {
            var result = new GameResult([digit]);
            Assert.Equal(Expected(green), Payouts.Payout(game, Bet(game, "color", "green"), result, Stake));
            Assert.Equal(Expected(red), Payouts.Payout(game, Bet(game, "color", "red"), result, Stake));
            Assert.Equal(Expected(violet), Payouts.Payout(game, Bet(game, "color", "violet"), result, Stake));
        }
    }

    [Fact]
    public void FiveD_parity_pays_even_and_odd_per_position_and_on_the_sum()
    {
        var result = new GameResult([2, 7, 0, 9, 4]); // sum 22: small, even; A even, B odd, C even, D odd, E even
        foreach (var (position, even) in new[] { ('A', true), ('B', false), ('C', true), ('D', false), ('E', true) })
        {
            var p = position.ToString();
            Assert.Equal(even ? Money.FromMajor(196) : Money.Zero, Payouts.Payout(GameId.FiveD, Bet(GameId.FiveD, "parity", "even", p), result, Stake));
            Assert.Equal(even ? Money.Zero : Money.FromMajor(196), Payouts.Payout(GameId.FiveD, Bet(GameId.FiveD, "parity", "odd", p), result, Stake));
        }

        Assert.Equal(Money.FromMajor(196), Payouts.Payout(GameId.FiveD, Bet(GameId.FiveD, "sum_parity", "even"), result, Stake));
        Assert.Equal(Money.Zero, Payouts.Payout(GameId.FiveD, Bet(GameId.FiveD, "sum_parity", "odd"), result, Stake));
        Assert.Equal(Money.FromMajor(196), Payouts.Payout(GameId.FiveD, Bet(GameId.FiveD, "sum_parity", "odd"), new GameResult([2, 7, 0, 9, 5]), Stake));
        Assert.Equal(Money.Zero, Payouts.Payout(GameId.FiveD, Bet(GameId.FiveD, "sum_parity", "even"), new GameResult([2, 7, 0, 9, 5]), Stake));
    }

    [Fact]
    public void Wingo_number_pays_nine_times_only_on_its_digit_for_all_ten_digits()
    {
        for (var digit = 0; digit <= 9; digit++)
        {
            for (var pick = 0; pick <= 9; pick++)
            {
                var payout = Payouts.Payout(GameId.Wingo, Bet(GameId.Wingo, "number", pick.ToString(System.Globalization.CultureInfo.InvariantCulture)), new GameResult([digit]), Stake);
                Assert.Equal(pick == digit ? Money.FromMajor(882) : Money.Zero, payout);
            }

            // Exactly one of green/red pays, and violet only on 0 and 5.
            var result = new GameResult([digit]);
            var colours = new[] { "green", "red" }.Count(c => Payouts.MultiplierHundredths(GameId.Wingo, Bet(GameId.Wingo, "color", c), result) > 0);
            Assert.Equal(1, colours);
        }
    }

    [Fact]
    public void Payout_is_floored_in_minor_units()
    {
        // 0.99 × 0.98 × 1.5 = 1.4553 → 1.45
        Assert.Equal(new Money(145), Payouts.Payout(GameId.Wingo, Bet(GameId.Wingo, "color", "green"), new GameResult([5]), new Money(99)));
        // 1.01 × 0.98 × 207.36 = 205.2449… → 205.24
        Assert.Equal(new Money(20524), Payouts.Payout(GameId.K3, Bet(GameId.K3, "triple", "6"), new GameResult([6, 6, 6]), new Money(101)));
    }

    [Fact]
    public void FiveD_every_bet_against_sampled_results()
    {
        var result = new GameResult([8, 8, 8, 3, 3]); // sum 30: big, even
        Assert.Equal(Money.FromMajor(882), Payouts.Payout(GameId.FiveD, Bet(GameId.FiveD, "digit", "3", "D"), result, Stake));
        Assert.Equal(Money.Zero, Payouts.Payout(GameId.FiveD, Bet(GameId.FiveD, "digit", "3", "A"), result, Stake));
        Assert.Equal(Money.FromMajor(196), Payouts.Payout(GameId.FiveD, Bet(GameId.FiveD, "size", "big", "a"), result, Stake));
        Assert.Equal(Money.FromMajor(196), Payouts.Payout(GameId.FiveD, Bet(GameId.FiveD, "size", "small", "E"), result, Stake));
        Assert.Equal(Money.FromMajor(196), Payouts.Payout(GameId.FiveD, Bet(GameId.FiveD, "parity", "odd", "E"), result, Stake));
        Assert.Equal(Money.FromMajor(196), Payouts.Payout(GameId.FiveD, Bet(GameId.FiveD, "sum_size", "big"), result, Stake));
        Assert.Equal(Money.Zero, Payouts.Payout(GameId.FiveD, Bet(GameId.FiveD, "sum_size", "small"), result, Stake));
        Assert.Equal(Money.FromMajor(196), Payouts.Payout(GameId.FiveD, Bet(GameId.FiveD, "sum_parity", "even"), result, Stake));
        Assert.Equal(Money.FromMajor(196), Payouts.Payout(GameId.FiveD, Bet(GameId.FiveD, "sum_size", "small"), new GameResult([4, 4, 4, 4, 6]), Stake));
        Assert.Equal(Money.FromMajor(196), Payouts.Payout(GameId.FiveD, Bet(GameId.FiveD, "sum_size", "big"), new GameResult([4, 4, 4, 5, 6]), Stake));
    }

    [Fact]
    public void K3_every_bet_type_against_all_216_outcomes()
    {
        for (var outcome = 0; outcome < 216; outcome++)
        {
            var (a, b, c) = ((outcome / 36) + 1, (outcome / 6 % 6) + 1, (outcome % 6) + 1);
            int[] dice = [a, b, c];
            var result = new GameResult(dice);
            var sum = a + b + c;
            var sorted = dice.Order().ToArray();
            var triple = a == b && b == c;
            long M(string type, string value) => Payouts.MultiplierHundredths(GameId.K3, Bet(GameId.K3, type, value), result);

            for (var s = 3; s <= 18; s++)
            {
                Assert.Equal(s == sum, M("sum", s.ToString(System.Globalization.CultureInfo.InvariantCulture)) > 0);
            }

            Assert.Equal(sum >= 11 ? 192 : 0, M("size", "big"));
            Assert.Equal(sum <= 10 ? 192 : 0, M("size", "small"));
            Assert.Equal(sum % 2 == 1 ? 192 : 0, M("parity", "odd"));
            Assert.Equal(sum % 2 == 0 ? 192 : 0, M("parity", "even"));
            Assert.Equal(triple ? 3456 : 0, M("any_triple", ""));
            Assert.Equal(sorted[1] == sorted[0] + 1 && sorted[2] == sorted[1] + 1 ? 864 : 0, M("straight", ""));
            for (var v = 1; v <= 6; v++)
            {
                var count = dice.Count(d => d == v);
                var value = v.ToString(System.Globalization.CultureInfo.InvariantCulture);
                Assert.Equal(count >= 2 && !triple ? 1383 : 0, M("pair", value));
                Assert.Equal(count == 3 ? 20736 : 0, M("triple", value));
                for (var w = 1; w <= 6; w++)
                {
                    if (w == v)
                    {
                        continue;
                    }

                    Assert.Equal(count == 2 && dice.Count(d => d == w) == 1 ? 6912 : 0, M("pair_single", $"{v},{w}"));
                    Assert.Equal(count >= 1 && dice.Contains(w) ? 691 : 0, M("two_different", $"{w},{v}"));
                }
            }

            if (sorted.Distinct().Count() == 3)
            {
                Assert.Equal(3456, M("three_different", $"{sorted[2]},{sorted[0]},{sorted[1]}"));
                Assert.Equal(0, M("three_different", sorted[0] == 1 ? "4,5,6" : "1,2,3"));
            }
        }
    }

    [Fact]
    public void K3_sum_multipliers_match_the_table()
    {
        var expected = new Dictionary<int, long> { [3] = 20736, [4] = 6912, [5] = 3456, [6] = 2074, [7] = 1383, [8] = 988, [9] = 830, [10] = 768 };
        foreach (var (low, multiplier) in expected)
        {
            var high = 21 - low;
            var lowDice = Enumerable.Range(1, 6).SelectMany(x => Enumerable.Range(1, 6).Select(y => (x, y, z: low - x - y))).First(t => t.z is >= 1 and <= 6);
            var highDice = Enumerable.Range(1, 6).SelectMany(x => Enumerable.Range(1, 6).Select(y => (x, y, z: high - x - y))).First(t => t.z is >= 1 and <= 6);
            Assert.Equal(multiplier, Payouts.MultiplierHundredths(GameId.K3, Bet(GameId.K3, "sum", $"{low}"), new GameResult([lowDice.x, lowDice.y, lowDice.z])));
            Assert.Equal(multiplier, Payouts.MultiplierHundredths(GameId.K3, Bet(GameId.K3, "sum", $"{high}"), new GameResult([highDice.x, highDice.y, highDice.z])));
        }
    }

    [Theory]
    [InlineData("wingo", "number", "10", null)]
    [InlineData("wingo", "color", "blue", null)]
    [InlineData("wingo", "digit", "1", "A")]
    [InlineData("wingo", "number", "1", "A")]
    [InlineData("5d", "digit", "1", null)]
    [InlineData("5d", "digit", "1", "F")]
    [InlineData("5d", "number", "1", null)]
    [InlineData("k3", "sum", "2", null)]
    [InlineData("k3", "pair_single", "3,3", null)]
    [InlineData("k3", "three_different", "1,1,2", null)]
    [InlineData("k3", "two_different", "1,7", null)]
    [InlineData("k3", "nonsense", "1", null)]
    [InlineData("trx", "size", "medium", null)]
    public void Invalid_bets_are_refused_with_a_reason(string game, string type, string value, string? position)
    {
        Assert.True(GameCatalog.TryParse(game, out var id));

        Assert.False(BetRules.TryParse(id, type, value, position, out _, out var problem));
        Assert.False(string.IsNullOrEmpty(problem));
    }

    [Theory]
    [InlineData("wingo", "number", "7", null, "0.882")]
    [InlineData("wingo", "size", "big", null, "0.98")]
    [InlineData("wingo", "color", "green", null, "0.931")]
    [InlineData("wingo", "color", "violet", null, "0.882")]
    [InlineData("trx", "color", "red", null, "0.931")]
    [InlineData("5d", "digit", "3", "B", "0.882")]
    [InlineData("5d", "sum_size", "big", null, "0.98")]
    [InlineData("k3", "size", "big", null, "0.9408")]
    [InlineData("k3", "any_triple", "", null, "0.9408")]
    [InlineData("k3", "sum", "3", null, "0.9408")]
    public void The_theoretical_return_to_player_is_the_paytables_over_all_equally_likely_results(string game, string type, string value, string? position, string rtp)
    {
        Assert.True(GameCatalog.TryParse(game, out var id));

        Assert.Equal(decimal.Parse(rtp, System.Globalization.CultureInfo.InvariantCulture), Math.Round(Payouts.TheoreticalRtp(id, Bet(id, type, value, position)), 6));
    }

    [Theory]
    [InlineData("sum_size", "big", null)]
    [InlineData("sum_size", "small", null)]
    [InlineData("sum_parity", "odd", null)]
    [InlineData("sum_parity", "even", null)]
    [InlineData("digit", "3", "A")]
    [InlineData("size", "big", "E")]
    [InlineData("parity", "odd", "C")]
    public void The_5d_return_to_player_equals_the_average_over_all_100000_results(string type, string value, string? position)
    {
        var bet = Bet(GameId.FiveD, type, value, position);

        var multipliers = Enumerable.Range(0, 100_000)
            .Sum(n => (decimal)Payouts.MultiplierHundredths(GameId.FiveD, bet, new GameResult([n / 10_000, n / 1_000 % 10, n / 100 % 10, n / 10 % 10, n % 10])));

        Assert.Equal(0.98m * multipliers / 100m / 100_000m, Payouts.TheoreticalRtp(GameId.FiveD, bet));
    }

    private static Money Expected(object multiplier) => multiplier switch
    {
        0 => Money.Zero,
        int whole => new Money(Stake.MinorUnits * 98 * whole / 100),
        string text => new Money(Stake.MinorUnits * 98 * (long)(decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture) * 100) / 10_000),
        _ => throw new ArgumentException("unexpected multiplier"),
    };
}
