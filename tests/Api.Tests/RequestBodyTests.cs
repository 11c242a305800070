using System.Net;
using System.Net.Http.Headers;
using System.Text;
using GameServer.ApiFrontend.Hosting;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using GameServer.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GameServer.Api.Tests;

/// <summary>
/// Bad bytes and oversized bodies, sent to every endpoint that takes a body, as the frontend itself
/// lists them: a new endpoint is swept without anyone remembering to add it here.
/// </summary>
[Collection(FrontendCollection.Name)]
public sealed class RequestBodyTests(FrontendFixture fixture)
{
    [Fact]
    public async Task Invalid_utf8_in_a_json_string_is_400_on_every_endpoint_that_reads_json_and_never_500_anywhere()
    {
        var (player, admin) = await PlayerAndAdmin();
        byte[] body = [.. "{\"amount\":\"1"u8, 0xFF, .. "\",\"reason\":\"x"u8, 0xC3, .. "\",\"type\":\"size\",\"value\":\"big\"}"u8];

        var statuses = await Sweep(player.UserId, admin, body);

        Assert.All(statuses, sent => Assert.True((int)sent.Status < 500, $"{sent.Route}: {(int)sent.Status}"));
        Assert.All(statuses.Where(sent => sent.ReadsJson), sent => Assert.True(sent.Status == HttpStatusCode.BadRequest, $"{sent.Route}: {(int)sent.Status}"));
        Assert.Contains(statuses, sent => sent.Route == "/api/wallet/withdraw" && sent.Status == HttpStatusCode.BadRequest);
        Assert.Contains(statuses, sent => sent.Route == "/api/games/{game}/bet" && sent.Status == HttpStatusCode.BadRequest);
        Assert.Contains(statuses, sent => sent.Route == "/api/wallet/limits" && sent.Status == HttpStatusCode.BadRequest);
        await AssertNothingMoved(player, admin);
    }

    [Fact]
    public async Task A_5_MB_body_is_413_on_every_endpoint_that_reads_a_body_and_is_never_parsed()
    {
        var (player, admin) = await PlayerAndAdmin();
        var body = Encoding.UTF8.GetBytes($$"""{"amount":1,"gateway":"test","type":"size","value":"big","reason":"{{new string('x', 5 * 1024 * 1024)}}"}""");

        var statuses = await Sweep(player.UserId, admin, body);

        Assert.All(statuses, sent => Assert.True((int)sent.Status < 500, $"{sent.Route}: {(int)sent.Status}"));
        Assert.All(statuses.Where(sent => sent.ReadsJson || sent.Route == "/api/payments/{gateway}/callback"),
            sent => Assert.True(sent.Status == HttpStatusCode.RequestEntityTooLarge, $"{sent.Route}: {(int)sent.Status}"));
        await AssertNothingMoved(player, admin);
    }

    [Fact]
    public async Task An_escaped_unpaired_surrogate_in_a_string_field_is_400_and_stores_nothing()
    {
        var (player, admin) = await PlayerAndAdmin();
        var reason = Encoding.UTF8.GetBytes("""{"amount":5,"reason":"refund \ud800"}""");
        var password = Encoding.UTF8.GetBytes($$"""{"phone_no":"{{ApiClientExtensions.NewPhoneNumber()}}","password":"\udc00\udc00\udc00\udc00\udc00\udc00\udc00\udc00"}""");
        var gateway = Encoding.UTF8.GetBytes("""{"amount":5,"gateway":"te\udfffst"}""");

        Assert.Equal(HttpStatusCode.BadRequest, await Send(HttpMethod.Post, $"/api/admin/users/{player.UserId}/credit", reason, admin));
        Assert.Equal(HttpStatusCode.BadRequest, await Send(HttpMethod.Post, "/api/users/register", password, token: null));
        Assert.Equal(HttpStatusCode.BadRequest, await Send(HttpMethod.Post, "/api/wallet/deposit", gateway, player.Token));

        await AssertNothingMoved(player, admin);
    }

    [Fact]
    public async Task The_largest_valid_request_fits_its_endpoints_limit()
    {
        var player = await fixture.Http.NewPlayerAsync();
        var admin = await fixture.AdminToken();
        await fixture.Http.PostJsonAsync("/api/wallet/deposit", new { amount = 10, gateway = "test" }, token: player.Token);

        // A reason of 500 characters outside the Basic Multilingual Plane, every one escaped by the serializer.
        var reason = string.Concat(Enumerable.Repeat("\U0001F3B2", 250));
        await fixture.Http.PostJsonAsync($"/api/admin/users/{player.UserId}/credit", new { amount = 1, reason }, token: admin);
        await fixture.Http.PostJsonAsync("/api/users/register", new
        {
            phone_no = "+91 " + ApiClientExtensions.NewPhoneNumber(),
            password = string.Concat(Enumerable.Repeat("\U0001F3B2", 64)),
        }, HttpStatusCode.Created);
    }

    private sealed record Sent(string Route, bool ReadsJson, HttpStatusCode Status);

    private async Task<HttpStatusCode> Send(HttpMethod method, string path, byte[] body, string? token)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await fixture.Http.SendAsync(request);
        return response.StatusCode;
    }

    private async Task<((long UserId, string Token, string Phone) Player, string Admin)> PlayerAndAdmin()
    {
        var player = await fixture.Http.NewPlayerAsync();
        await fixture.Http.PostJsonAsync("/api/wallet/deposit", new { amount = 100, gateway = "test" }, token: player.Token);
        return (player, await fixture.AdminToken());
    }

    /// <summary>POSTs or PUTs the body to every API route with a body-taking method, as the admin (who passes every policy).</summary>
    private async Task<List<Sent>> Sweep(long userId, string admin, byte[] body)
    {
        var routes = fixture.Frontend.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])
                .Where(method => method is "POST" or "PUT" or "PATCH")
                .Select(method => (Method: method, Route: endpoint.RoutePattern.RawText!,
                    ReadsJson: endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes.Any(type => type.Contains("json", StringComparison.Ordinal)) == true)))
            .ToList();
        Assert.True(routes.Count >= 12, $"only {routes.Count} routes found");

        var sent = new List<Sent>();
        foreach (var (method, route, readsJson) in routes)
        {
            var path = route.Replace("{game}", "wingo", StringComparison.Ordinal).Replace("{user_id:long}", userId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{withdrawal_id}", "no-such-withdrawal", StringComparison.Ordinal).Replace("{gateway}", "sandbox", StringComparison.Ordinal);
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);

            // As curl does for large bodies: the server can refuse before the bytes are sent.
            request.Headers.ExpectContinue = body.Length > RequestBodyLimits.GatewayCallback;
            using var response = await fixture.Http.SendAsync(request);
            sent.Add(new Sent(route, readsJson, response.StatusCode));
        }

        return sent;
    }

    private async Task AssertNothingMoved((long UserId, string Token, string Phone) player, string admin)
    {
        var ledger = (await fixture.Http.GetJsonAsync("/api/wallet/transactions", player.Token)).GetProperty("data");
        Assert.Equal(1, ledger.GetProperty("total").GetInt64());
        Assert.Equal(100m, (await fixture.Http.GetJsonAsync("/api/wallet/balance", player.Token)).GetProperty("data").GetProperty("balance").GetDecimal());
        Assert.Equal(0m, (await fixture.Http.GetJsonAsync("/api/wallet/balance", admin)).GetProperty("data").GetProperty("held").GetDecimal());
    }

    [Fact]
    public void Every_endpoint_that_reads_a_body_has_a_limit_no_larger_than_64_KiB()
    {
        var endpoints = fixture.Frontend.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal));

        Assert.All(endpoints, endpoint =>
            Assert.True((endpoint.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? RequestBodyLimits.Default) <= 64 * 1024,
                endpoint.RoutePattern.RawText));
    }
}
