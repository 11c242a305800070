using GameServer.Games;

namespace GameServer.Rules.Tests;

public sealed class FairDrawTests
{
    private static readonly byte[] VectorSeed = Enumerable.Repeat((byte)0xaa, 32).ToArray();

    [Fact]
    public void Commit_of_the_spec_vector_seed_matches() =>
        Assert.Equal("e0e77a507412b120f6ede61f62295b1a7b2ff19d3dcc8f7253e51663470c888e", FairDraw.Commit(VectorSeed));

    [Theory]
    [InlineData("wingo", 60, "20261127020001", "8")]
    [InlineData("5d", 60, "20261127050001", "8,8,8,3,3")]
    [InlineData("k3", 60, "20261127090001", "6,3,3")]
    [InlineData("trx", 60, "20261127130001", "0")]
    public void Spec_test_vector_results(string game, int duration, string periodId, string expected)
    {
        Assert.True(GameKey.TryCreate(game, duration, out var key));

        var result = FairDraw.Draw(key, periodId, VectorSeed);

        Assert.Equal(expected, result.ToString());
    }

    /// <summary>
    /// SPEC §3: a byte of 250 or more is skipped for a digit, of 252 or more for a die. The bytes are
    /// computed here with HMAC-SHA256 directly, not through <see cref="FairDraw"/>, for periods of the
    /// vector seed whose first byte is rejected and whose result the skip changes.
    /// </summary>
    [Fact]
    public void Rejected_bytes_are_skipped_for_digits_and_dice()
    {
        var wingo = new GameKey(GameId.Wingo, 60);
        var k3 = new GameKey(GameId.K3, 60);
        var digitCases = 0;
        var dieCases = 0;
        for (var index = 1; index <= 1440; index++)
        {
            var wingoPeriod = $"2026112702{index:D4}";
            var bytes = Bytes(wingo, wingoPeriod, 0);
            if (bytes[0] >= 250)
            {
                var expected = bytes.Skip(1).First(b => b < 250) % 10;
                Assert.Equal([expected], FairDraw.Draw(wingo, wingoPeriod, VectorSeed).Values);
                digitCases += expected != bytes[0] % 10 ? 1 : 0;
            }

            var k3Period = $"2026112709{index:D4}";
            bytes = Bytes(k3, k3Period, 0);
            if (bytes[0] >= 252)
            {
                var expected = bytes.Skip(1).Where(b => b < 252).Take(3).Select(b => (b % 6) + 1).ToArray();
                Assert.Equal(expected, FairDraw.Draw(k3, k3Period, VectorSeed).Values);
                dieCases += expected[0] != (bytes[0] % 6) + 1 ? 1 : 0;
            }
        }

        Assert.True(digitCases >= 3 && dieCases >= 3, $"only {digitCases} digit and {dieCases} die cases found");
    }

    private static byte[] Bytes(GameKey game, string periodId, int counter) =>
        System.Security.Cryptography.HMACSHA256.HashData(VectorSeed, System.Text.Encoding.UTF8.GetBytes($"{game.Game.WireName()}:{game.DurationSeconds}:{periodId}:{counter}"));

    [Fact]
    public void Trx_shows_the_hash_of_the_spec_vector()
    {
        var result = FairDraw.Draw(new GameKey(GameId.Trx, 60), "20261127130001", VectorSeed);

        Assert.Equal("1ea34d69e9ae4ca7f9bff0973dd10efd591aca90c4834f112cfcb2ae9b39f690", result.Hash);
    }

    [Fact]
    public void Digits_pass_a_chi_square_test_over_100000_draws()
    {
        var counts = new long[10];
        var key = new GameKey(GameId.FiveD, 60);
        for (var i = 0; i < 20_000; i++)
        {
            foreach (var digit in FairDraw.Draw(key, $"2026112705{i % 1440 + 1:D4}", FairDraw.NewSeed()).Values)
            {
                counts[digit]++;
            }
        }

        // 9 degrees of freedom, α = 0.001.
        Assert.True(ChiSquare(counts) < 27.877, $"χ² = {ChiSquare(counts)} for {string.Join(",", counts)}");
    }

    [Fact]
    public void Trx_digits_pass_a_chi_square_test_over_100000_draws()
    {
        var counts = new long[10];
        var key = new GameKey(GameId.Trx, 60);
        for (var i = 0; i < 100_000; i++)
        {
            counts[FairDraw.Draw(key, "20261127130001", FairDraw.NewSeed()).Values[0]]++;
        }

        Assert.True(ChiSquare(counts) < 27.877, $"χ² = {ChiSquare(counts)} for {string.Join(",", counts)}");
    }

    [Fact]
    public void Dice_pass_a_chi_square_test_over_100000_draws()
    {
        var counts = new long[6];
        var key = new GameKey(GameId.K3, 60);
        for (var i = 0; i < 34_000; i++)
        {
            foreach (var die in FairDraw.Draw(key, "20261127090001", FairDraw.NewSeed()).Values)
            {
                counts[die - 1]++;
            }
        }

        // 5 degrees of freedom, α = 0.001.
        Assert.True(ChiSquare(counts) < 20.515, $"χ² = {ChiSquare(counts)} for {string.Join(",", counts)}");
    }

    [Fact]
    public void The_same_seed_and_period_always_draw_the_same_result_and_another_period_is_independent()
    {
        var seed = FairDraw.NewSeed();
        var key = new GameKey(GameId.Wingo, 30);

        Assert.Equal(FairDraw.Draw(key, "20261127010001", seed).Values, FairDraw.Draw(key, "20261127010001", seed).Values);
        Assert.Equal(64, FairDraw.Commit(seed).Length);
    }

    private static double ChiSquare(long[] counts)
    {
        var expected = counts.Sum() / (double)counts.Length;
        return counts.Sum(count => (count - expected) * (count - expected) / expected);
    }
}
