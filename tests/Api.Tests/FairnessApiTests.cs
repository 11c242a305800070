using System.Net;
using GameServer.Testing;

namespace GameServer.Api.Tests;

/// <summary>The public proof archive's HTTP surface (SPEC §3, §7): the anchors listed ahead and every refusal as a problem.</summary>
[Collection(FrontendCollection.Name)]
public sealed class FairnessApiTests(FrontendFixture fixture)
{
    private DateOnly Today => DateOnly.FromDateTime(fixture.Cluster.Clock.GetUtcNow().UtcDateTime);

    [Fact]
    public async Task The_anchors_of_today_and_the_two_days_ahead_are_listed_for_all_sixteen_games_published_in_time()
    {
        var anchors = (await fixture.Http.GetJsonAsync("/api/fairness/anchors")).GetProperty("data").EnumerateArray().ToList();

        Assert.Equal(3 * 16, anchors.Count);
        Assert.Equal([Today, Today.AddDays(1), Today.AddDays(2)], anchors.Select(anchor => DateOnly.Parse(anchor.GetProperty("date").GetString()!, System.Globalization.CultureInfo.InvariantCulture)).Distinct());
        Assert.All(anchors, anchor =>
        {
            Assert.Matches("^[0-9a-f]{64}$", anchor.GetProperty("anchor").GetString());
            Assert.False(anchor.GetProperty("late").GetBoolean());
        });
    }

    [Fact]
    public async Task Todays_archive_shows_its_anchor_and_nothing_that_would_give_a_result_away()
    {
        var archive = (await fixture.Http.GetJsonAsync($"/api/fairness/wingo/30/{Today:yyyy-MM-dd}")).GetProperty("data");

        Assert.Matches("^[0-9a-f]{64}$", archive.GetProperty("anchor").GetString());
        Assert.False(archive.GetProperty("complete").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, archive.GetProperty("secret").ValueKind);
        Assert.Empty(archive.GetProperty("periods").EnumerateArray());
    }

    [Theory]
    [InlineData("/api/fairness/anchors?from=2026-13-01", HttpStatusCode.BadRequest)]
    [InlineData("/api/fairness/anchors?from=yesterday", HttpStatusCode.BadRequest)]
    [InlineData("/api/fairness/anchors?from=2026-12-10&to=2026-12-01", HttpStatusCode.BadRequest)]
    [InlineData("/api/fairness/anchors?from=2026-01-01&to=2026-02-01", HttpStatusCode.BadRequest)]
    [InlineData("/api/fairness/wingo/30/2026-02-30", HttpStatusCode.BadRequest)]
    [InlineData("/api/fairness/wingo/45/2026-12-01", HttpStatusCode.NotFound)]
    [InlineData("/api/fairness/roulette/60/2026-12-01", HttpStatusCode.NotFound)]
    [InlineData("/api/fairness/k3/60/1999-01-01", HttpStatusCode.NotFound)]
    public async Task A_bad_date_span_game_or_a_day_without_a_chain_is_refused_with_a_problem(string path, HttpStatusCode expected)
    {
        using var response = await fixture.Http.GetAsync(new Uri(path, UriKind.Relative));
        var problem = await ApiClientExtensions.ReadAsync(response, expected);

        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
    }
}
