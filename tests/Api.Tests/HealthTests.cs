using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

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

    [Fact]
    public async Task Liveness_answers_and_metrics_are_served_for_prometheus()
    {
        using var live = await fixture.Http.GetAsync(new Uri("/health/live", UriKind.Relative));
        await fixture.Http.GetAsync(new Uri("/api/games", UriKind.Relative));
        await using var connection = await Testing.HubClient.ConnectAsync(fixture.Frontend);
        using var metrics = await fixture.Http.GetAsync(new Uri("/metrics", UriKind.Relative));
        var exposition = await metrics.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Contains("# TYPE http_server_request_duration_seconds histogram", exposition, StringComparison.Ordinal);
        Assert.Contains("gameserver_signalr_connections", exposition, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_every_api_route_with_its_methods()
    {
        using var response = await fixture.Http.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var described = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(method => $"{method.Name.ToUpperInvariant()} {path.Name}"))
            .ToHashSet(StringComparer.Ordinal);

        var routes = fixture.Frontend.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])
                .Select(method => $"{method} {System.Text.RegularExpressions.Regex.Replace(endpoint.RoutePattern.RawText!.TrimEnd('/'), ":[a-z]+}", "}")}"))
            .ToList();

        Assert.True(routes.Count >= 25, $"only {routes.Count} routes");
        Assert.All(routes, route => Assert.Contains(route, described));
    }

    [Fact]
    public async Task Every_api_operation_documents_its_success_body_and_its_problem_answers()
    {
        using var response = await fixture.Http.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var operations = document.RootElement.GetProperty("paths").EnumerateObject()
            .Where(path => path.Name.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(path => path.Value.EnumerateObject().Select(method => (Name: $"{method.Name.ToUpperInvariant()} {path.Name}", Responses: method.Value.GetProperty("responses"))))
            .ToList();

        Assert.NotEmpty(operations);
        Assert.All(operations, operation =>
        {
            var success = operation.Responses.EnumerateObject().Single(answer => answer.Name is "200" or "201");
            Assert.True(success.Value.GetProperty("content").TryGetProperty("application/json", out var json), $"{operation.Name}: no JSON body for {success.Name}");
            Assert.True(json.TryGetProperty("schema", out _), $"{operation.Name}: no schema");
            var problems = operation.Responses.EnumerateObject().Where(answer => answer.Name.StartsWith('4') || answer.Name.StartsWith('5')).ToList();
            Assert.True(problems.Count >= 2, $"{operation.Name}: {problems.Count} problem answers documented");
            Assert.All(problems, problem => Assert.True(problem.Value.GetProperty("content").TryGetProperty("application/problem+json", out _), $"{operation.Name} {problem.Name}"));
        });
        var bet = operations.Single(operation => operation.Name == "POST /api/games/{game}/bet").Responses;
        Assert.True(bet.TryGetProperty("409", out _));
        Assert.True(bet.TryGetProperty("401", out _));
    }
}
