using GameServer.Testing;

namespace GameServer.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class ClusterTests(GameClusterFixture fixture)
{
    [Fact]
    public async Task Both_silos_are_active_members_of_the_cluster()
    {
        var hosts = await fixture.Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);

        Assert.Equal(GameClusterFixture.SiloCount, hosts.Count);
    }
}
