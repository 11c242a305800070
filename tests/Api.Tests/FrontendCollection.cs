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
