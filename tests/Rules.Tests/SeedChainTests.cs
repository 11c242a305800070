using System.Security.Cryptography;
using GameServer.Games;

namespace GameServer.Rules.Tests;

/// <summary>SPEC §3 rule 5, against a short chain computed outside this code base (Python's hashlib and hmac).</summary>
public sealed class SeedChainTests
{
    private static readonly byte[] Secret = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
    private const string Seed1 = "4e05063392f42b5180353ef82da86c714042155044d91ab3253f1bab08120a0a";
    private const string Seed2 = "2f287b4d3d4910f6cada9e1bd1b4648099e8c52c81aa4a6aebfa6fc86f19834e";
    private const string Seed3 = "630dcd2966c4336691125448bbb25b4ff412a49c732db2c8abc1b8581bd710dd";
    private const string Anchor = "cefc1232dee44cc53fccf8cc078f657f4db4f1d0303725375a0694f7d395e2ea";

    [Fact]
    public void A_three_period_chain_matches_the_independent_vector()
    {
        var chain = SeedChain.FromSecret(Secret, 3);

        Assert.Equal([Seed1, Seed2, Seed3], new[] { 1, 2, 3 }.Select(k => Convert.ToHexStringLower(chain.SeedOf(k))));
        Assert.Equal(Anchor, Convert.ToHexStringLower(chain.Anchor));
    }

    [Fact]
    public void Each_commit_is_the_seed_before_it_and_the_first_commit_is_the_anchor()
    {
        var chain = SeedChain.FromSecret(Secret, 3);

        Assert.Equal(Anchor, FairDraw.Commit(chain.SeedOf(1)));
        Assert.Equal(Seed1, FairDraw.Commit(chain.SeedOf(2)));
        Assert.Equal(Seed2, FairDraw.Commit(chain.SeedOf(3)));
        Assert.Equal(Seed3, Convert.ToHexStringLower(SHA256.HashData(Secret)));
    }

    [Fact]
    public void The_vector_chain_draws_the_independently_computed_wingo_results()
    {
        var chain = SeedChain.FromSecret(Secret, 3);
        var wingo = new GameKey(GameId.Wingo, 60);

        Assert.Equal([6, 3, 1], new[] { 1, 2, 3 }.Select(k => FairDraw.Draw(wingo, $"2026120102{k:D4}", chain.SeedOf(k)).Values[0]));
    }

    [Fact]
    public void A_days_chain_has_one_seed_per_period_of_the_game()
    {
        Assert.Equal(2880, SeedChain.ForDay(new GameKey(GameId.Wingo, 30), Secret).Periods);
        Assert.Equal(144, SeedChain.ForDay(new GameKey(GameId.Trx, 600), Secret).Periods);
        Assert.Throws<ArgumentOutOfRangeException>(() => SeedChain.ForDay(new GameKey(GameId.Trx, 600), Secret).SeedOf(145));
    }

    [Fact]
    public void Verification_finds_the_first_seed_that_does_not_hash_to_the_one_before()
    {
        var chain = SeedChain.FromSecret(Secret, 5);
        var seeds = Enumerable.Range(1, 5).Select(k => chain.SeedOf(k)).ToList();

        Assert.Null(SeedChain.FirstBreak(chain.Anchor, 1, seeds));
        Assert.Null(SeedChain.FirstBreak(chain.Anchor, 3, seeds.Skip(2).ToList(), seedBeforeFirst: seeds[1]));
        Assert.Equal(1, SeedChain.FirstBreak(SHA256.HashData(seeds[1]), 1, seeds));
        var forged = seeds.ToList();
        forged[3] = SeedChain.NewSecret();
        Assert.Equal(4, SeedChain.FirstBreak(chain.Anchor, 1, forged));
        Assert.Throws<ArgumentException>(() => SeedChain.FirstBreak(chain.Anchor, 3, seeds.Skip(2).ToList()));
    }

    [Fact]
    public void A_chain_is_published_in_time_only_24_hours_or_more_before_its_day()
    {
        var day = new DateOnly(2026, 12, 3);
        var midnight = new DateTimeOffset(2026, 12, 3, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal(midnight, SeedChain.DayStart(day));
        Assert.True(SeedChain.PublishedInTime(day, midnight.AddHours(-24)));
        Assert.True(SeedChain.PublishedInTime(day, midnight.AddHours(-47)));
        Assert.False(SeedChain.PublishedInTime(day, midnight.AddHours(-24).AddTicks(1)));
        Assert.False(SeedChain.PublishedInTime(day, midnight.AddHours(1)));
        Assert.True(new DayAnchor(new GameKey(GameId.K3, 60), day, Anchor, midnight.AddHours(-3)).Late);
    }

    [Fact]
    public void A_chain_hands_out_copies_so_no_caller_can_change_it()
    {
        var chain = SeedChain.FromSecret(Secret, 3);

        chain.SeedOf(1)[0] ^= 0xff;
        chain.Anchor[0] ^= 0xff;

        Assert.Equal(Seed1, Convert.ToHexStringLower(chain.SeedOf(1)));
        Assert.Equal(Anchor, Convert.ToHexStringLower(chain.Anchor));
    }
}
