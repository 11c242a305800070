using System.Security.Cryptography;
using System.Text;
using GameServer.Grains.Wallet;
using GameServer.Wallet;

namespace GameServer.Grains.Tests;

/// <summary>Payout destinations at rest: AES-256-GCM under the operator's keys, with a key id, bound to their owner.</summary>
public sealed class PayoutSealerTests
{
    private static readonly PayoutDestination Bank = PayoutDestination.Create(PayoutKind.Bank, holderName: "Asha Rao", accountNumber: "123456789012", ifsc: "HDFC0001234");
    private static readonly PayoutDestination Upi = PayoutDestination.Create(PayoutKind.Upi, vpa: "asha.rao@okaxis");

    private readonly byte[] key = RandomNumberGenerator.GetBytes(PayoutSealer.KeyBytes);

    private PayoutSealer Sealer => new(key);

    [Fact]
    public void A_sealed_destination_opens_to_itself_and_shows_none_of_its_fields_and_two_seals_differ()
    {
        var first = Sealer.SealMethod(7, "pm_1", Bank);
        var second = Sealer.SealMethod(7, "pm_1", Bank);
        var withdrawal = Sealer.SealWithdrawal("w-1", 7, Upi);

        Assert.Equal(Bank, Sealer.OpenMethod(7, "pm_1", first));
        Assert.Equal(Upi, Sealer.OpenWithdrawal("w-1", 7, withdrawal));
        Assert.NotEqual(first, second);
        Assert.Equal(PayoutSealer.Version, first[0]);
        Assert.Equal(SHA256.HashData(key)[..PayoutSealer.KeyIdBytes], first[1..5]);
        foreach (var field in new[] { "123456789012", "Asha Rao", "HDFC0001234" })
        {
            Assert.DoesNotContain(field, Encoding.Latin1.GetString(first), StringComparison.Ordinal);
        }

        Assert.DoesNotContain("asha.rao", Encoding.Latin1.GetString(withdrawal), StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_sealed_under_a_previous_key_opens_and_is_told_apart_from_one_under_the_current_key()
    {
        var oldKey = RandomNumberGenerator.GetBytes(PayoutSealer.KeyBytes);
        var underOld = new PayoutSealer(oldKey).SealMethod(7, "pm_1", Bank);
        var rotated = new PayoutSealer(key, [oldKey]);
        var underNew = rotated.SealMethod(7, "pm_1", Bank);

        Assert.Equal(Bank, rotated.OpenMethod(7, "pm_1", underOld));
        Assert.False(rotated.IsUnderCurrentKey(underOld));
        Assert.True(rotated.IsUnderCurrentKey(underNew));
        Assert.Equal(Convert.ToHexStringLower(underNew.AsSpan(1, 4)), rotated.CurrentKeyId);
    }

    [Fact]
    public void A_value_under_a_key_no_longer_configured_is_refused_as_unreadable_with_a_503_reason()
    {
        var underOld = new PayoutSealer(RandomNumberGenerator.GetBytes(PayoutSealer.KeyBytes)).SealMethod(7, "pm_1", Bank);

        var refused = Assert.Throws<GameServerException>(() => Sealer.OpenMethod(7, "pm_1", underOld));

        Assert.Equal(ErrorKind.OutOfService, refused.Kind);
        Assert.Equal(PayoutSealer.ProblemReason, refused.Extensions!["reason"]);
        Assert.Null(Sealer.TryOpenMethod(7, "pm_1", underOld));
    }

    [Fact]
    public void A_value_with_any_byte_changed_does_not_open()
    {
        var sealedValue = Sealer.SealWithdrawal("w-1", 7, Bank);

        for (var i = 0; i < sealedValue.Length; i++)
        {
            var changed = (byte[])sealedValue.Clone();
            changed[i] ^= 0x01;
            Assert.Null(Sealer.TryOpenWithdrawal("w-1", 7, changed));
        }

        Assert.Null(Sealer.TryOpenWithdrawal("w-1", 7, sealedValue[..20]));
    }

    [Fact]
    public void A_value_moved_to_another_owner_does_not_open()
    {
        var method = Sealer.SealMethod(7, "pm_1", Bank);
        var withdrawal = Sealer.SealWithdrawal("w-1", 7, Bank);

        Assert.Null(Sealer.TryOpenMethod(8, "pm_1", method));
        Assert.Null(Sealer.TryOpenMethod(7, "pm_2", method));
        Assert.Null(Sealer.TryOpenWithdrawal("w-2", 7, withdrawal));
        Assert.Null(Sealer.TryOpenWithdrawal("w-1", 8, withdrawal));
        Assert.Null(Sealer.TryOpenWithdrawal("w-1", 7, method));
        Assert.Null(Sealer.TryOpenMethod(7, "pm_1", withdrawal));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("c2hvcnQ=")]
    public void Options_without_a_usable_current_key_make_no_sealer_and_say_which_setting(string? current)
    {
        var options = new WalletOptions { PayoutSealingKey = current };

        var refused = Assert.Throws<InvalidOperationException>(() => PayoutSealer.FromOptions(options));

        Assert.False(PayoutSealer.IsUsableInProduction(options));
        Assert.Contains("Wallet:PayoutSealingKey", refused.Message, StringComparison.Ordinal);
        Assert.Contains("openssl rand -base64 32", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_previous_key_is_refused_and_good_options_open_what_the_keys_sealed()
    {
        var oldKey = RandomNumberGenerator.GetBytes(PayoutSealer.KeyBytes);
        var good = new WalletOptions { PayoutSealingKey = Convert.ToBase64String(key), PreviousPayoutSealingKeys = [Convert.ToBase64String(oldKey)] };
        var bad = new WalletOptions { PayoutSealingKey = Convert.ToBase64String(key), PreviousPayoutSealingKeys = ["c2hvcnQ="] };

        Assert.True(PayoutSealer.IsUsableInProduction(good));
        Assert.False(PayoutSealer.IsUsableInProduction(bad));
        Assert.Equal(Upi, PayoutSealer.FromOptions(good).OpenMethod(1, "pm_1", new PayoutSealer(oldKey).SealMethod(1, "pm_1", Upi)));
    }

    [Fact]
    public void Development_without_a_key_seals_with_the_development_key_which_production_refuses()
    {
        var development = PayoutSealer.ForDevelopment(new WalletOptions());
        var developmentKey = SHA256.HashData("gameserver development payout sealing key, never for real money"u8);

        Assert.True(development.UsesDevelopmentKey);
        Assert.Equal(Bank, PayoutSealer.ForDevelopment(new WalletOptions()).OpenMethod(1, "pm_1", development.SealMethod(1, "pm_1", Bank)));
        Assert.False(PayoutSealer.IsUsableInProduction(new WalletOptions { PayoutSealingKey = Convert.ToBase64String(developmentKey) }));
        Assert.False(PayoutSealer.ForDevelopment(new WalletOptions { PayoutSealingKey = Convert.ToBase64String(key) }).UsesDevelopmentKey);
    }
}
