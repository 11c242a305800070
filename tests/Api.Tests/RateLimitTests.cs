using System.Net;
using System.Net.Http.Headers;
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

    private static async Task<HttpStatusCode> ProfileStatus(HttpClient http, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/users/profile");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
