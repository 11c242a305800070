using GameServer.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;

namespace GameServer.Api.Tests;

/// <summary>Who may hold a live connection, for how long, how many, and what bad calls leave in the log.</summary>
[Collection(FrontendCollection.Name)]
public sealed class HubSessionTests(FrontendFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_connection_is_closed_when_its_token_expires_and_cannot_come_back_with_it()
    {
        var player = await fixture.Http.NewPlayerAsync();
        var shortLived = TestTokens.Issue(player.UserId, DateTime.UtcNow, DateTime.UtcNow.AddSeconds(3));
        await using var expiring = await HubClient.ConnectAsync(fixture.Frontend, shortLived);
        await using var lasting = await HubClient.ConnectAsync(fixture.Frontend, player.Token);

        var closed = await Task.WhenAny(expiring.Closed, Task.Delay(Patience));

        Assert.Same(expiring.Closed, closed);
        Assert.Equal(Microsoft.AspNetCore.SignalR.Client.HubConnectionState.Connected, lasting.State);
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => HubClient.ConnectAsync(fixture.Frontend, shortLived));
        Assert.Contains("401", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forged_token_is_refused_rather_than_taken_as_an_anonymous_watcher()
    {
        var player = await fixture.Http.NewPlayerAsync();
        var forged = player.Token[..^4] + (player.Token.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => HubClient.ConnectAsync(fixture.Frontend, forged));

        Assert.Contains("401", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_trusted_proxy_x_forwarded_for_is_ignored_so_the_21st_anonymous_connection_of_one_address_is_refused()
    {
        var watchers = new List<HubClient>();
        try
        {
            for (var i = 0; i < 20; i++)
            {
                watchers.Add(await HubClient.ConnectAsync(fixture.Frontend, headers: Forwarded($"198.51.100.{i + 1}")));
            }

            var refused = await Assert.ThrowsAnyAsync<Exception>(() => HubClient.ConnectAsync(fixture.Frontend, headers: Forwarded("198.51.100.200")));
            Assert.Contains("429", refused.Message, StringComparison.Ordinal);
        }
        finally
        {
            foreach (var watcher in watchers)
            {
                await watcher.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Behind_a_trusted_proxy_22_players_of_one_address_all_connect_and_anonymous_watchers_count_by_their_own_address()
    {
        var frontend = fixture.Cluster.StartFrontend(new Dictionary<string, string?>
        {
            ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
            ["Realtime:MaxConnectionsPerIp"] = "3",
            ["Realtime:MaxConnectionsPerPlayer"] = "2",
        });
        var players = new List<(long UserId, string Token, string Phone)>();
        for (var i = 0; i < 22; i++)
        {
            players.Add(await fixture.Http.NewPlayerAsync());
        }

        var connections = new List<HubClient>();
        try
        {
            foreach (var player in players)
            {
                connections.Add(await HubClient.ConnectAsync(frontend, player.Token, Forwarded("203.0.113.7")));
            }

            for (var i = 0; i < 3; i++)
            {
                connections.Add(await HubClient.ConnectAsync(frontend, headers: Forwarded("203.0.113.8")));
            }

            var fourthWatcher = await Assert.ThrowsAnyAsync<Exception>(() => HubClient.ConnectAsync(frontend, headers: Forwarded("203.0.113.8")));
            connections.Add(await HubClient.ConnectAsync(frontend, headers: Forwarded("203.0.113.9")));
            connections.Add(await HubClient.ConnectAsync(frontend, players[0].Token, Forwarded("203.0.113.7")));
            var thirdOfOnePlayer = await Assert.ThrowsAnyAsync<Exception>(() => HubClient.ConnectAsync(frontend, players[0].Token, Forwarded("192.0.2.1")));

            Assert.Equal(27, connections.Count);
            Assert.All(connections, connection => Assert.Equal(Microsoft.AspNetCore.SignalR.Client.HubConnectionState.Connected, connection.State));
            Assert.Contains("429", fourthWatcher.Message, StringComparison.Ordinal);
            Assert.Contains("429", thirdOfOnePlayer.Message, StringComparison.Ordinal);
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_bad_join_is_a_short_client_error_and_a_short_warning_never_an_error_with_the_clients_string()
    {
        var frontend = fixture.Frontend;
        await using var client = await HubClient.ConnectAsync(frontend);
        var hostile = new string('x', 3_000);

        var refused = await Assert.ThrowsAsync<HubException>(() => client.JoinGame(hostile, 30));
        await Assert.ThrowsAsync<HubException>(() => client.JoinGame("wingo", 45));

        Assert.True(refused.Message.Length < 200, refused.Message);
        Assert.DoesNotContain(new string('x', 100), refused.Message, StringComparison.Ordinal);
        var hubLogs = frontend.Logs.Entries.Where(entry => entry.Category.Contains("SignalR", StringComparison.Ordinal) || entry.Category.Contains("Hub", StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(hubLogs, entry => entry.Level >= LogLevel.Error);
        Assert.Contains(hubLogs, entry => entry.Level == LogLevel.Warning && entry.Message.Contains("JoinGame", StringComparison.Ordinal));
        Assert.All(hubLogs, entry => Assert.True(entry.Message.Length < 300 && entry.Exception is null, entry.Message));
        Assert.Equal("k3-60", await client.JoinGame("k3", 60));
    }

    private static Dictionary<string, string> Forwarded(string address) => new() { ["X-Forwarded-For"] = address };
}
