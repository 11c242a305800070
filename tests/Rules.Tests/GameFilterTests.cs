using GameServer.Games;

namespace GameServer.Rules.Tests;

public sealed class GameFilterTests
{
    [Theory]
    [InlineData(null, null, 16)]
    [InlineData("wingo", null, 4)]
    [InlineData("5D", null, 4)]
    [InlineData(null, 60, 4)]
    [InlineData(null, 30, 1)]
    [InlineData(null, 600, 3)]
    [InlineData("k3", 180, 1)]
    public void A_game_a_duration_or_both_keep_exactly_the_game_durations_they_name(string? game, int? duration, int keys)
    {
        Assert.True(GameFilter.TryCreate(game, duration, out var filter, out var problem), problem);

        Assert.Equal(keys, filter.Keys.Count);
        Assert.All(filter.Keys, key => Assert.True((game is null || string.Equals(key.Game.WireName(), game, StringComparison.OrdinalIgnoreCase)) && (duration is null || key.DurationSeconds == duration)));
        Assert.Equal(GameCatalog.AllKeys().Count(filter.Matches), keys);
        Assert.Equal(game is null && duration is null, filter.IsAll);
    }

    [Theory]
    [InlineData("roulette", null, "game must be one of: wingo, 5d, k3, trx.")]
    [InlineData(null, 45, "duration must be one of 30, 60, 180, 300, 600 (seconds).")]
    [InlineData(null, 0, "duration must be one of 30, 60, 180, 300, 600 (seconds).")]
    [InlineData("wingo", 600, "duration must be one of 30, 60, 180, 300 for wingo.")]
    [InlineData("trx", 30, "duration must be one of 60, 180, 300, 600 for trx.")]
    public void An_unknown_game_or_a_duration_not_run_is_refused_naming_what_is_valid(string? game, int? duration, string expected)
    {
        Assert.False(GameFilter.TryCreate(game, duration, out _, out var problem));

        Assert.Equal(expected, problem);
    }
}
