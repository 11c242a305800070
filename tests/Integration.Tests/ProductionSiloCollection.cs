namespace GameServer.Integration.Tests;

/// <summary>
/// Test classes that run Production silo processes on the shared MariaDB, one class at a time: one of them
/// restarts the database server (<see cref="MariaDb.RestartAsync"/>), which a silo starting meanwhile does not survive.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ProductionSiloCollection
{
    public const string Name = "Production silos on the shared MariaDB";
}
