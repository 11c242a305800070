using GameServer.Players;

namespace GameServer.Rules.Tests;

public sealed class PlayerRulesTests
{
    [Theory]
    [InlineData(7, false)]
    [InlineData(8, true)]
    [InlineData(128, true)]
    [InlineData(129, false)]
    public void A_password_has_8_to_128_characters(int length, bool accepted)
    {
        Assert.Equal(accepted, PlayerRules.PasswordProblem(new string('p', length)) is null);
    }

    [Theory]
    [InlineData("9876543210", "+919876543210")]
    [InlineData("09876543210", "+919876543210")]
    [InlineData("919876543210", "+919876543210")]
    [InlineData("+91 98765 43210", "+919876543210")]
    [InlineData("+91-98765-43210", "+919876543210")]
    [InlineData("+1 415 555 2671", "+14155552671")]
    public void Every_way_of_writing_a_number_has_one_e164_form(string written, string e164)
    {
        Assert.True(PhoneNumberRules.TryCanonicalize(written, "IN", out var canonical, out var problem), problem);
        Assert.Equal(e164, canonical);
        Assert.True(PhoneNumberRules.IsCanonical(canonical));
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("98765abc21")]
    [InlineData("5000000000")]
    [InlineData("12345678901234567")]
    [InlineData("")]
    [InlineData("+91 98765 43210 99999 99999 99999 9")]
    public void What_is_not_a_valid_number_is_refused_with_a_problem(string written)
    {
        Assert.False(PhoneNumberRules.TryCanonicalize(written, "IN", out _, out var problem));
        Assert.False(string.IsNullOrEmpty(problem));
    }
}
