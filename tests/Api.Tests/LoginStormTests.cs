using System.Net;
using GameServer.Testing;

namespace GameServer.Api.Tests;

/// <summary>
/// Its own cluster whose silo hashes one password at a time and lets none wait: a burst of logins is
/// answered at once, each either signed in or refused with 503 and Retry-After, while reads go on.
/// </summary>
public sealed class LoginStormTests : IAsyncLifetime
{
    private LocalCluster cluster = null!;
    private FrontendHost frontend = null!;

    public async Task InitializeAsync()
    {
        cluster = await LocalCluster.StartAsync(siloCount: 1, new Dictionary<string, string?>
        {
            // A slow hash (≈ 0.2 s) so that the burst surely overlaps one, however the machine schedules it.
            ["Passwords:MemoryKiB"] = "65536",
            ["Passwords:Iterations"] = "4",
            ["Passwords:MaxConcurrentHashes"] = "1",
            ["Passwords:MaxQueuedHashes"] = "0",
            ["Passwords:MaxQueueWait"] = "00:00:00",
        });
        frontend = cluster.StartFrontend();
    }

    public async Task DisposeAsync() => await cluster.DisposeAsync();

    [Fact]
    public async Task A_burst_of_logins_past_the_hashing_pool_gets_503_with_retry_after_and_reads_are_still_served()
    {
        using var http = frontend.CreateHttpClient();
        var players = new List<(long UserId, string Token, string Phone)>();
        for (var i = 0; i < 12; i++)
        {
            players.Add(await http.NewPlayerAsync());
        }

        var logins = players.Select(player => http.PostAsync(new Uri("/api/users/login", UriKind.Relative),
            System.Net.Http.Json.JsonContent.Create(new { phone_no = player.Phone, password = ApiClientExtensions.Password }))).ToList();
        var reads = Enumerable.Range(0, 12).Select(_ => http.GetAsync(new Uri("/api/games/wingo/periods?duration=60", UriKind.Relative))).ToList();
        var answered = await Task.WhenAll(logins);
        var served = await Task.WhenAll(reads);

        Assert.All(answered, answer => Assert.True(
            answer.StatusCode == HttpStatusCode.OK || (answer.StatusCode == HttpStatusCode.ServiceUnavailable && answer.Headers.RetryAfter?.Delta > TimeSpan.Zero),
            $"{(int)answer.StatusCode}"));
        Assert.Contains(answered, answer => answer.StatusCode == HttpStatusCode.OK);
        var refused = answered.FirstOrDefault(answer => answer.StatusCode == HttpStatusCode.ServiceUnavailable);
        Assert.NotNull(refused);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.All(served, read => Assert.Equal(HttpStatusCode.OK, read.StatusCode));
        await http.LoginAsync(players[0].Phone, ApiClientExtensions.Password);
    }

    [Fact]
    public async Task A_registration_refused_by_a_busy_pool_leaves_nothing_half_made_and_its_retry_succeeds()
    {
        using var http = frontend.CreateHttpClient();
        var phones = Enumerable.Range(0, 8).Select(_ => ApiClientExtensions.NewPhoneNumber()).ToList();

        var first = await Task.WhenAll(phones.Select(phone => http.PostAsync(new Uri("/api/users/register", UriKind.Relative),
            System.Net.Http.Json.JsonContent.Create(new { phone_no = phone, password = ApiClientExtensions.Password }))));
        var refused = phones.Where((_, i) => first[i].StatusCode == HttpStatusCode.ServiceUnavailable).ToList();
        foreach (var phone in refused)
        {
            await http.PostJsonAsync("/api/users/login", new { phone_no = phone, password = ApiClientExtensions.Password }, HttpStatusCode.Unauthorized);
            await http.PostJsonAsync("/api/users/register", new { phone_no = phone, password = ApiClientExtensions.Password }, HttpStatusCode.Created);
        }

        Assert.All(first, answer => Assert.True(answer.StatusCode is HttpStatusCode.Created or HttpStatusCode.ServiceUnavailable, $"{(int)answer.StatusCode}"));
        Assert.NotEmpty(refused);
        foreach (var phone in phones)
        {
            await http.LoginAsync(phone, ApiClientExtensions.Password);
        }
    }
}
