using GameServer.Games;
using GameServer.Wallet;

namespace GameServer.Rules.Tests;

/// <summary>SPEC §2's stake limits as plain functions.</summary>
public sealed class StakeRulesTests
{
    private static readonly BetLimits Defaults = new(Money.FromMajor(1), Money.FromMajor(100_000), 50);

    [Theory]
    [InlineData(99, false)]
    [InlineData(100, true)]
    [InlineData(100_000_00, true)]
    [InlineData(100_000_01, false)]
    public void A_stake_must_lie_within_the_limits_inclusive(long minorUnits, bool admitted)
    {
        var refusal = StakeRules.StakeRefusal(Defaults, new Money(minorUnits));

        Assert.Equal(admitted, refusal is null);
        Assert.True(admitted || refusal!.Kind == ErrorKind.Invalid);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(49, true)]
    [InlineData(50, false)]
    public void The_fiftieth_bet_of_a_period_is_the_last(int placed, bool admitted)
    {
        var refusal = StakeRules.CountRefusal(Defaults, placed);

        Assert.Equal(admitted, refusal is null);
        Assert.True(admitted || refusal!.Kind == ErrorKind.Conflict);
    }

    [Fact]
    public void The_balance_must_cover_the_stake_to_the_paisa()
    {
        Assert.Null(StakeRules.BalanceProblem(new Money(500), new Money(500)));
        Assert.NotNull(StakeRules.BalanceProblem(new Money(499), new Money(500)));
    }
}
