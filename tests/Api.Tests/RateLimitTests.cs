using System.Net;
using System.Net.Http.Headers;
using GameServer.ApiFrontend.Hosting;
using GameServer.Testing;

namespace GameServer.Api.Tests;

[Collection(FrontendCollection.Name)]
public sealed class RateLimitTests(FrontendFixture fixture)
{
    [Fact]
    public async Task One_player_through_two_frontends_gets_one_allowance_of_the_api_tier()
    {
        var player = await fixture.Http.NewPlayerAsync();

        var statuses = await Task.WhenAll(
            Enumerable.Range(0, 60).Select(_ => ProfileStatus(fixture.Http, player.Token))
                .Concat(Enumerable.Range(0, 60).Select(_ => ProfileStatus(fixture.SecondHttp, player.Token))));

        Assert.Equal(100, statuses.Count(status => status == HttpStatusCode.OK));
        Assert.Equal(20, statuses.Count(status => status == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task A_player_above_vip_level_3_gets_twice_the_api_allowance_from_the_token_after_the_level_changed()
    {
        var player = await fixture.Http.NewPlayerAsync();
        using (var request = new HttpRequestMessage(HttpMethod.Put, $"/api/admin/users/{player.UserId}/vip")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { level = 4, reason = "rate-limit test" }),
        })
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await fixture.AdminToken());
            using var response = await fixture.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var vipToken = await fixture.Http.LoginAsync(player.Phone, ApiClientExtensions.Password);
        var statuses = await Task.WhenAll(Enumerable.Range(0, 220).Select(_ => ProfileStatus(fixture.Http, vipToken)));

        Assert.Equal(200, statuses.Count(status => status == HttpStatusCode.OK));
        Assert.Equal(20, statuses.Count(status => status == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task The_auth_tier_counts_by_the_client_address_a_trusted_proxy_forwards_and_ignores_the_header_from_anyone_else()
    {
        var behindProxy = fixture.Cluster.StartFrontend(new Dictionary<string, string?> { ["ForwardedHeaders:KnownNetworks:0"] = "127.0.0.0/8" }).CreateHttpClient();
        var phone = ApiClientExtensions.NewPhoneNumber();

        // Eleven clients of a carrier NAT, each behind the proxy under its own address: none shares another's allowance.
        var proxied = new List<HttpStatusCode>();
        for (var client = 1; client <= 11; client++)
        {
            proxied.Add(await LoginStatus(behindProxy, phone, $"100.64.0.{client}"));
        }

        // Straight to a frontend that trusts no proxy, the header is a client's claim and changes nothing.
        var spoofed = new List<HttpStatusCode>();
        for (var attempt = 1; attempt <= 11; attempt++)
        {
            spoofed.Add(await LoginStatus(fixture.Http, phone, $"100.64.1.{attempt}"));
        }

        Assert.All(proxied, status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        Assert.Equal(10, spoofed.Count(status => status == HttpStatusCode.Unauthorized));
        Assert.Equal(HttpStatusCode.TooManyRequests, spoofed[^1]);
    }

    [Fact]
    public async Task One_address_trying_many_numbers_runs_out_of_its_own_auth_allowance()
    {
        // Behind a trusted proxy, so that this client has an address of its own (every test shares 127.0.0.1).
        var frontend = fixture.Cluster.StartFrontend(new Dictionary<string, string?>
        {
            ["RateLimits:AuthPerAddress:PermitLimit"] = "5",
            ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
        }).CreateHttpClient();
        var address = $"198.18.{Random.Shared.Next(256)}.{Random.Shared.Next(1, 255)}";

        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 6; attempt++)
        {
            statuses.Add(await LoginStatus(frontend, ApiClientExtensions.NewPhoneNumber(), address));
        }

        Assert.Equal(5, statuses.Count(status => status == HttpStatusCode.Unauthorized));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Theory]
    [InlineData("2001:db8:1:2::10", "2001:db8:1:2:ffff::1", true)]
    [InlineData("2001:db8:1:2::10", "2001:db8:1:3::10", false)]
    [InlineData("203.0.113.7", "203.0.113.7", true)]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7", true)]
    [InlineData("203.0.113.7", "203.0.113.8", false)]
    public void An_ipv6_subscriber_is_counted_by_its_64_network(string first, string second, bool same)
    {
        var (a, b) = (ClientAddresses.PartitionOf(IPAddress.Parse(first)), ClientAddresses.PartitionOf(IPAddress.Parse(second)));

        Assert.Equal(same, a == b);
    }

    private static async Task<HttpStatusCode> LoginStatus(HttpClient http, string phone, string? forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/users/login")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { phone_no = phone, password = "not-the-password" }),
        };
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task<HttpStatusCode> ProfileStatus(HttpClient http, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/users/profile");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
