using System.Security.Cryptography;
using GameServer.Games;
using GameServer.Grains.Games;
using GameServer.Grains.Journal;

namespace GameServer.Grains.Tests;

/// <summary>Day secrets at rest: AES-256-GCM under the operator's key, bound to their game and day.</summary>
public sealed class SeedSecretSealerTests
{
    private static readonly GameKey Game = new(GameId.Wingo, 30);
    private static readonly DateOnly Day = new(2026, 12, 2);
    private readonly SeedSecretSealer sealer = new(RandomNumberGenerator.GetBytes(SeedSecretSealer.KeyBytes));

    [Fact]
    public void A_sealed_secret_opens_to_itself_and_two_seals_of_one_secret_differ()
    {
        var secret = SeedChain.NewSecret();

        var first = sealer.Seal(Game, Day, secret);
        var second = sealer.Seal(Game, Day, secret);

        Assert.Equal(SeedSecretSealer.SealedBytes, first.Length);
        Assert.NotEqual(first, second);
        Assert.Equal(secret, sealer.Open(Game, Day, first));
        Assert.Equal(secret, sealer.Open(Game, Day, second));
    }

    [Fact]
    public void A_sealed_secret_does_not_open_under_another_key_for_another_day_or_game_or_with_a_byte_changed()
    {
        var sealedSecret = sealer.Seal(Game, Day, SeedChain.NewSecret());
        var changed = (byte[])sealedSecret.Clone();
        changed[^1] ^= 1;

        Assert.ThrowsAny<CryptographicException>(() => new SeedSecretSealer(RandomNumberGenerator.GetBytes(32)).Open(Game, Day, sealedSecret));
        Assert.ThrowsAny<CryptographicException>(() => sealer.Open(Game, Day.AddDays(1), sealedSecret));
        Assert.ThrowsAny<CryptographicException>(() => sealer.Open(new GameKey(GameId.Wingo, 60), Day, sealedSecret));
        Assert.ThrowsAny<CryptographicException>(() => sealer.Open(Game, Day, changed));
        Assert.ThrowsAny<CryptographicException>(() => sealer.Open(Game, Day, sealedSecret.AsSpan(0, 20)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAA==")]
    public void A_missing_or_malformed_key_stops_the_silo_with_how_to_make_one(string? key)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => SeedSecretSealer.FromOptions(new FairnessOptions { SeedSecretKey = key }));

        Assert.Contains("Fairness:SeedSecretKey", refused.Message, StringComparison.Ordinal);
        Assert.Contains("openssl rand -base64 32", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_32_byte_base64_key_is_taken()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var secret = SeedChain.NewSecret();

        var fromOptions = SeedSecretSealer.FromOptions(new FairnessOptions { SeedSecretKey = Convert.ToBase64String(key) });

        Assert.Equal(secret, new SeedSecretSealer(key).Open(Game, Day, fromOptions.Seal(Game, Day, secret)));
    }
}
