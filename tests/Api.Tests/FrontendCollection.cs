using GameServer.Games;
using GameServer.Testing;

namespace GameServer.Api.Tests;

/// <summary>A 2-silo Development-profile cluster with two real frontends in front of it, shared by the API tests.</summary>
public class FrontendFixture : IAsyncLifetime
{
    public LocalCluster Cluster { get; private set; } = null!;

    public FrontendHost Frontend { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    /// <summary>A second frontend on the same cluster, for what must hold across frontends.</summary>
    public HttpClient SecondHttp { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Cluster = await LocalCluster.StartAsync(siloCount: 2);
        Frontend = Cluster.StartFrontend();
        Http = Frontend.CreateHttpClient();
        SecondHttp = Cluster.StartFrontend().CreateHttpClient();
    }

    /// <summary>
    /// Moves the cluster's clock one second into the game's next period and has a frontend open it,
    /// so that a test has the whole betting window (the clock also moves by itself as it is read).
    /// </summary>
    public async Task<Period> StartNextPeriod(GameKey key)
    {
        var next = Schedule.Next(Schedule.PeriodAt(key, Cluster.Clock.GetUtcNow()));
        Cluster.Clock.SetUtcNow(next.StartsAt.AddSeconds(1));
        await Http.GetJsonAsync($"/api/games/{key.Game.WireName()}/periods?duration={key.DurationSeconds}");
        return next;
    }

    /// <summary>The Development admin's token, logged in once: every login counts against the auth tier's allowance.</summary>
    public async Task<string> AdminToken() => adminToken ??= await Http.LoginAsync("9000000000", "dev-admin-password");

    private string? adminToken;

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        SecondHttp?.Dispose();
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class FrontendCollection : ICollectionFixture<FrontendFixture>
{
    public const string Name = "frontend";
}
