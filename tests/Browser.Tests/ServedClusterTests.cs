using GameServer.Testing;

namespace GameServer.Browser.Tests;

/// <summary>
/// A fresh one-silo cluster with a real frontend on 127.0.0.1 for each test (state and clock of its
/// own), and a plain HTTP client of that frontend for the test's own calls.
/// </summary>
public abstract class ServedClusterTests : IAsyncLifetime
{
    protected LocalCluster Cluster { get; private set; } = null!;

    protected FrontendHost Frontend { get; private set; } = null!;

    protected HttpClient Http { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        Cluster = await LocalCluster.StartAsync(siloCount: 1);
        Frontend = Cluster.StartFrontend();
        Http = Frontend.CreateHttpClient();
    }

    public virtual async Task DisposeAsync()
    {
        Http.Dispose();
        await Cluster.DisposeAsync();
    }
}
