using System.Net;
using System.Text.Json;

namespace GameServer.Api.Tests;

[Collection(FrontendCollection.Name)]
public sealed class HealthTests(FrontendFixture fixture)
{
    [Fact]
    public async Task Frontend_is_ready_once_it_reaches_the_cluster()
    {
        using var response = await fixture.Http.GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Unknown_path_answers_404_as_problem_details()
    {
        using var response = await fixture.Http.GetAsync(new Uri("/api/no-such-thing", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.False(body.RootElement.GetProperty("success").GetBoolean());
        Assert.Equal(404, body.RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task OpenApi_document_is_published()
    {
        using var response = await fixture.Http.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(body.RootElement.TryGetProperty("paths", out _));
    }
}
