using System.Diagnostics;
using System.Net;
using GameServer.Testing;

namespace GameServer.Api.Tests;

/// <summary>Its own cluster and frontend: this test stops the frontend.</summary>
public sealed class ShutdownTests
{
    private static readonly TimeSpan DrainDelay = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_stopping_frontend_is_unready_at_once_closes_its_hubs_refuses_new_ones_and_serves_requests_until_its_drain_ends()
    {
        await using var cluster = await LocalCluster.StartAsync(siloCount: 1);
        var frontend = cluster.StartFrontend(new Dictionary<string, string?>
        {
            ["Shutdown:DrainDelay"] = DrainDelay.ToString(),
            ["Shutdown:Timeout"] = Timeout.ToString(),
        });
        using var http = frontend.CreateHttpClient();
        await using var watcher = await HubClient.ConnectAsync(frontend);
        using (var before = await http.GetAsync(new Uri("/health/ready", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        var clock = Stopwatch.StartNew();
        var stopping = frontend.DisposeAsync().AsTask(); // the host's stop, as SIGTERM starts it

        await watcher.Closed.WaitAsync(TimeSpan.FromSeconds(2));
        using var ready = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
        using var newHub = await http.GetAsync(new Uri("/hubs/game", UriKind.Relative));
        using var games = await http.GetAsync(new Uri("/api/games", UriKind.Relative));
        var answeredWithin = clock.Elapsed;
        await stopping;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, newHub.StatusCode);
        Assert.NotNull(newHub.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, games.StatusCode);
        Assert.True(answeredWithin < DrainDelay, $"The requests during the drain took until {answeredWithin}.");
        Assert.InRange(clock.Elapsed, DrainDelay, Timeout);
    }

    [Fact]
    public async Task A_frontend_whose_drain_does_not_fit_in_its_shutdown_timeout_refuses_to_start_and_says_which_settings()
    {
        await using var cluster = await LocalCluster.StartAsync(siloCount: 1);

        var refused = Record.Exception(() => cluster.StartFrontend(new Dictionary<string, string?>
        {
            ["Shutdown:DrainDelay"] = "00:00:05",
            ["Shutdown:Timeout"] = "00:00:05",
        }));

        var problem = Assert.IsType<Microsoft.Extensions.Options.OptionsValidationException>(refused);
        Assert.Contains("Shutdown:DrainDelay (00:00:05) must be shorter than Shutdown:Timeout (00:00:05)", problem.Message, StringComparison.Ordinal);
    }
}
