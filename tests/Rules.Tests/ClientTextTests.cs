namespace GameServer.Rules.Tests;

public sealed class ClientTextTests
{
    [Fact]
    public void Long_text_is_cut_with_an_ellipsis_and_short_text_is_kept()
    {
        Assert.Equal(new string('x', 32) + "…", ClientText.Cut(new string('x', 3_000)));
        Assert.Equal("wingo", ClientText.Cut("wingo"));
        Assert.Equal("", ClientText.Cut(null));
    }

    [Fact]
    public void A_cut_never_splits_a_surrogate_pair_and_unpaired_surrogates_and_controls_are_replaced()
    {
        var dice = string.Concat(Enumerable.Repeat("\U0001F3B2", 20));

        var cut = ClientText.Cut("a" + dice);

        Assert.True(ClientText.IsWellFormed(cut));
        Assert.Equal("a" + string.Concat(Enumerable.Repeat("\U0001F3B2", 15)) + "…", cut);
        Assert.Equal("a?b?c", ClientText.Cut("a\ud800b\nc"));
        Assert.Equal("?", ClientText.Cut("\udc00"));
    }

    [Fact]
    public void Well_formed_means_every_surrogate_is_half_of_a_pair()
    {
        // Facts, not inline theory data: the test runner would replace an unpaired surrogate in serialised data.
        Assert.True(ClientText.IsWellFormed("plain"));
        Assert.True(ClientText.IsWellFormed("\U0001F3B2"));
        Assert.False(ClientText.IsWellFormed("\ud800"));
        Assert.False(ClientText.IsWellFormed("x\udc00y"));
        Assert.False(ClientText.IsWellFormed("\udc00\ud800"));
    }
}
