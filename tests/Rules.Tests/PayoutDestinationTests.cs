using GameServer.Wallet;

namespace GameServer.Rules.Tests;

public sealed class PayoutDestinationTests
{
    /// <summary>The USDT (TRC-20) token's contract address on TRON mainnet: a real, valid base58check address.</summary>
    private const string UsdtContract = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t";

    [Theory]
    [InlineData("123456789", "123456789")]
    [InlineData("123456789012345678", "123456789012345678")]
    [InlineData("0012 3456 7890", "001234567890")]
    public void An_account_number_of_9_to_18_digits_is_kept_without_its_spaces(string typed, string kept)
    {
        Assert.Equal(kept, PayoutDestinationRules.NormalizeAccountNumber(typed));
    }

    [Theory]
    [InlineData("")]
    [InlineData("12345678")]
    [InlineData("1234567890123456789")]
    [InlineData("12345678901A")]
    [InlineData("1234-5678-9012")]
    [InlineData("١٢٣٤٥٦٧٨٩٠")]
    public void An_account_number_that_is_not_9_to_18_ascii_digits_is_refused(string typed)
    {
        Assert.Null(PayoutDestinationRules.NormalizeAccountNumber(typed));
    }

    [Theory]
    [InlineData("HDFC0001234", "HDFC0001234")]
    [InlineData("sbin0000691", "SBIN0000691")]
    [InlineData(" ICIC0ABC123 ", "ICIC0ABC123")]
    public void An_ifsc_of_the_rbi_format_is_kept_upper_cased(string typed, string kept)
    {
        Assert.Equal(kept, PayoutDestinationRules.NormalizeIfsc(typed));
    }

    [Theory]
    [InlineData("HDFC1001234")] // the fifth character must be 0
    [InlineData("HDF00001234")] // four letters for the bank
    [InlineData("HDFC000123")] // 10 characters
    [InlineData("HDFC00012345")] // 12 characters
    [InlineData("HDFC0-01234")]
    [InlineData("")]
    public void An_ifsc_off_the_rbi_format_is_refused(string typed)
    {
        Assert.Null(PayoutDestinationRules.NormalizeIfsc(typed));
    }

    [Theory]
    [InlineData("Asha Rao", "Asha Rao")]
    [InlineData("  R.K.  D'Souza-Menon ", "R.K. D'Souza-Menon")]
    [InlineData("Al", "Al")]
    public void A_holder_name_of_letters_spaces_and_punctuation_is_kept_trimmed_with_single_spaces(string typed, string kept)
    {
        Assert.Equal(kept, PayoutDestinationRules.NormalizeHolderName(typed));
    }

    [Theory]
    [InlineData("A")]
    [InlineData("  ")]
    [InlineData("..")]
    [InlineData("Asha Rao 2")]
    [InlineData("Asha@Rao")]
    [InlineData("आशा राव")]
    public void A_holder_name_too_short_without_letters_or_with_other_characters_is_refused(string typed)
    {
        Assert.Null(PayoutDestinationRules.NormalizeHolderName(typed));
    }

    [Fact]
    public void A_holder_name_may_be_100_characters_and_not_101()
    {
        Assert.NotNull(PayoutDestinationRules.NormalizeHolderName(new string('a', 100)));
        Assert.Null(PayoutDestinationRules.NormalizeHolderName(new string('a', 101)));
    }

    [Theory]
    [InlineData("asha.rao@okaxis", "asha.rao@okaxis")]
    [InlineData(" Asha_Rao-1@OKSBI ", "asha_rao-1@oksbi")]
    [InlineData("98765432@ybl", "98765432@ybl")]
    [InlineData("ab@hdfcbank", "ab@hdfcbank")]
    public void A_upi_id_is_kept_trimmed_and_lower_cased(string typed, string kept)
    {
        Assert.Equal(kept, PayoutDestinationRules.NormalizeVpa(typed));
    }

    [Theory]
    [InlineData("ashaokaxis")]
    [InlineData("a@okaxis")] // a name of one character
    [InlineData("asha@o")] // a handle of one character
    [InlineData("asha@ok@axis")]
    [InlineData("asha rao@okaxis")]
    [InlineData("asha@ok.axis")]
    [InlineData("@okaxis")]
    [InlineData("asha@")]
    public void A_upi_id_off_npcis_format_is_refused(string typed)
    {
        Assert.Null(PayoutDestinationRules.NormalizeVpa(typed));
    }

    [Fact]
    public void A_upi_ids_name_may_be_256_characters_and_its_handle_64()
    {
        Assert.NotNull(PayoutDestinationRules.NormalizeVpa($"{new string('a', 256)}@{new string('b', 64)}"));
        Assert.Null(PayoutDestinationRules.NormalizeVpa($"{new string('a', 257)}@okaxis"));
        Assert.Null(PayoutDestinationRules.NormalizeVpa($"asha@{new string('b', 65)}"));
    }

    [Theory]
    [InlineData(UsdtContract)]
    [InlineData("TLa2f6VPqDgRE67v1736s7bJ8Ray5wYjU7")]
    public void A_real_tron_address_passes_its_base58check(string address)
    {
        Assert.Null(PayoutDestinationRules.TronAddressProblem(address));
    }

    [Theory]
    [InlineData("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6u")] // the USDT contract with its last character changed
    [InlineData("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj7t")] // … or its last but one
    [InlineData("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLJ6t")] // … or the case of one letter
    public void A_tron_address_with_one_character_changed_fails_its_checksum(string address)
    {
        Assert.Contains("checksum", PayoutDestinationRules.TronAddressProblem(address), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6")] // 33 characters
    [InlineData("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6tt")] // 35 characters
    [InlineData("XR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t")] // not starting with T
    [InlineData("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj0t")] // 0 is not base58
    [InlineData("TR7NHqjeKQxGTCI8q8ZY4pL8otSzgjLj6t")] // nor I
    [InlineData("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa")] // a valid Bitcoin address
    [InlineData("")]
    public void Anything_but_34_base58_characters_starting_with_t_is_not_a_tron_address(string address)
    {
        Assert.Contains("34 characters starting with T", PayoutDestinationRules.TronAddressProblem(address), StringComparison.Ordinal);
    }

    [Fact]
    public void A_base58check_address_of_another_network_is_refused_though_its_checksum_holds()
    {
        // Prefix byte 0x42 and a valid checksum: it starts with T and has 34 characters, but TRON's prefix is 0x41.
        Assert.Equal("is not a TRON mainnet address.", PayoutDestinationRules.TronAddressProblem("TZJqCCFeCFdJJaGGgNhTbhcLdyjmqUrgFq"));
    }

    [Fact]
    public void Base58_decodes_leading_ones_as_zero_bytes_and_refuses_characters_outside_its_alphabet()
    {
        Assert.True(PayoutDestinationRules.TryDecodeBase58("11", out var zeros));
        Assert.Equal([0, 0], zeros);
        Assert.True(PayoutDestinationRules.TryDecodeBase58("1z", out var small));
        Assert.Equal([0, 57], small);
        Assert.True(PayoutDestinationRules.TryDecodeBase58("21", out var fiftyEight));
        Assert.Equal([58], fiftyEight);
        Assert.False(PayoutDestinationRules.TryDecodeBase58("0O", out _));
    }

    [Fact]
    public void Numbers_are_masked_to_their_last_four_digits_a_upi_id_to_its_first_two_characters_and_handle_an_address_to_its_ends()
    {
        var bank = PayoutDestination.Create(PayoutKind.Bank, holderName: "Asha Rao", accountNumber: "123456789012", ifsc: "HDFC0001234").Masked();
        var shortBank = PayoutDestination.Create(PayoutKind.Bank, holderName: "Asha Rao", accountNumber: "987654321", ifsc: "HDFC0001234").Masked();
        var upi = PayoutDestination.Create(PayoutKind.Upi, vpa: "asha.rao@okaxis").Masked();
        var shortUpi = PayoutDestination.Create(PayoutKind.Upi, vpa: "ab@ybl").Masked();
        var usdt = PayoutDestination.Create(PayoutKind.UsdtTrc20, address: UsdtContract).Masked();

        Assert.Equal(("XXXXXX9012", "Asha Rao", "HDFC0001234"), (bank.AccountNumber, bank.HolderName, bank.Ifsc));
        Assert.Equal("XXXXXX4321", shortBank.AccountNumber);
        Assert.Equal("as***@okaxis", upi.Vpa);
        Assert.Equal("a***@ybl", shortUpi.Vpa);
        Assert.Equal("TR7N…Lj6t", usdt.Address);
    }

    [Fact]
    public void A_destination_keeps_the_fields_of_its_kind_in_canonical_form()
    {
        var bank = PayoutDestination.Create(PayoutKind.Bank, holderName: " Asha  Rao ", accountNumber: "1234 5678 9012", ifsc: "hdfc0001234");

        Assert.Equal(new PayoutDestination(PayoutKind.Bank, "Asha Rao", "123456789012", "HDFC0001234"), bank);
        Assert.Equal(bank, bank.Validated());
        Assert.Equal(new PayoutDestination(PayoutKind.Upi, Vpa: "asha@okaxis"), PayoutDestination.Create(PayoutKind.Upi, vpa: "Asha@OKAXIS"));
        Assert.Equal(new PayoutDestination(PayoutKind.UsdtTrc20, Address: UsdtContract), PayoutDestination.Create(PayoutKind.UsdtTrc20, address: $" {UsdtContract} "));
    }

    [Theory]
    [InlineData(PayoutKind.Bank, null, "123456789012", "HDFC0001234", null, null, "holder_name must be")]
    [InlineData(PayoutKind.Bank, "Asha Rao", null, "HDFC0001234", null, null, "account_number must be 9 to 18 digits")]
    [InlineData(PayoutKind.Bank, "Asha Rao", "123456789012", "HDFC1001234", null, null, "ifsc must be the branch's IFSC")]
    [InlineData(PayoutKind.Bank, "Asha Rao", "123456789012", "HDFC0001234", "asha@okaxis", null, "vpa is not a field of a bank payout method.")]
    [InlineData(PayoutKind.Upi, null, null, null, null, null, "vpa must be a UPI id")]
    [InlineData(PayoutKind.Upi, null, "123456789012", null, "asha@okaxis", null, "account_number is not a field of a upi payout method.")]
    [InlineData(PayoutKind.UsdtTrc20, null, null, null, null, "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6u", "address is not a valid TRON address")]
    [InlineData(PayoutKind.UsdtTrc20, null, null, null, null, null, "address must be a TRON address")]
    public void A_missing_bad_or_foreign_field_is_invalid_naming_it(PayoutKind kind, string? holder, string? account, string? ifsc, string? vpa, string? address, string expected)
    {
        var refused = Assert.Throws<GameServerException>(() => PayoutDestination.Create(kind, holder, account, ifsc, vpa, address));

        Assert.Equal(ErrorKind.Invalid, refused.Kind);
        Assert.StartsWith(expected, refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bank", PayoutKind.Bank)]
    [InlineData("UPI", PayoutKind.Upi)]
    [InlineData("usdt_trc20", PayoutKind.UsdtTrc20)]
    public void Kinds_are_read_by_their_wire_names_in_any_case(string name, PayoutKind kind)
    {
        Assert.Equal(kind, PayoutKinds.Parse(name));
        Assert.Equal(name.ToLowerInvariant(), kind.WireName());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("paypal")]
    [InlineData("usdt")]
    public void An_unknown_kind_is_invalid_naming_the_valid_ones(string? name)
    {
        var refused = Assert.Throws<GameServerException>(() => PayoutKinds.Parse(name));

        Assert.Equal("kind must be one of: bank, upi, usdt_trc20.", refused.Message);
    }

    [Fact]
    public void A_method_in_its_cooling_off_is_a_conflict_naming_the_utc_time_it_ends_and_carrying_it_machine_readable()
    {
        var added = new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.FromHours(5.5));
        var method = new PayoutMethod("pm_0123456789abcdef", PayoutDestination.Create(PayoutKind.Upi, vpa: "asha@okaxis"), added, added, added.AddHours(24));

        var refused = PayoutMethodRules.CoolingOffRefusal(method, added.AddHours(24).AddTicks(-1));

        Assert.NotNull(refused);
        Assert.Equal(ErrorKind.Conflict, refused.Kind);
        Assert.Contains("from 2026-12-01 04:30:00 UTC", refused.Message, StringComparison.Ordinal);
        Assert.Equal("2026-12-01T04:30:00.0000000Z", refused.Extensions![PayoutMethodRules.UsableFromMember]);
        Assert.Null(PayoutMethodRules.CoolingOffRefusal(method, added.AddHours(24)));
    }
}
