using GameServer.Testing;

namespace GameServer.Grains.Tests;

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<GameClusterFixture>
{
    public const string Name = "cluster";
}
