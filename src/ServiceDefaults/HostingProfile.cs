using Microsoft.Extensions.Configuration;

namespace GameServer.Hosting;

/// <summary>Which infrastructure the silo runs on. Development needs nothing installed.</summary>
public enum HostingProfile
{
    Development,
    Production,
}

public static class HostingProfileConfiguration
{
    public const string Key = "GameServer:Profile";

    public static HostingProfile GetHostingProfile(this IConfiguration configuration)
    {
        var value = configuration[Key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return HostingProfile.Development;
        }

        return Enum.TryParse<HostingProfile>(value, ignoreCase: true, out var profile)
            ? profile
            : throw new InvalidOperationException(
                $"Unknown {Key} '{value}'. Use '{HostingProfile.Development}' or '{HostingProfile.Production}'.");
    }
}

/// <summary>How the Production profile reaches MySQL/MariaDB; silos and frontends read the same settings.</summary>
public static class GameDatabase
{
    public const string ConnectionStringName = "GameServer";

    /// <summary>
    /// The optional read replica's connection string (a user that may only read): history reads go there
    /// while it is current, everything else to <see cref="ConnectionStringName"/> (docs/OPERATIONS.md "Read replica").
    /// </summary>
    public const string ReadReplicaConnectionStringName = "GameServerReadReplica";

    /// <summary>The ADO.NET invariant for MySqlConnector (the name "MySqlConnector" makes the providers fail at start).</summary>
    public const string Invariant = "MySql.Data.MySqlConnector";

    /// <summary>The connection string, or a clear error naming the setting when it is missing.</summary>
    public static string RequireConnectionString(this IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        return string.IsNullOrWhiteSpace(connectionString)
            ? throw new InvalidOperationException(
                $"The Production profile needs a MySQL/MariaDB connection string: set ConnectionStrings:{ConnectionStringName} " +
                $"(environment variable ConnectionStrings__{ConnectionStringName}).")
            : connectionString;
    }

    /// <summary>The read replica's connection string, or null when none is configured.</summary>
    public static string? ReadReplicaConnectionString(this IConfiguration configuration) =>
        configuration.GetConnectionString(ReadReplicaConnectionStringName) is { } connectionString && !string.IsNullOrWhiteSpace(connectionString)
            ? connectionString
            : null;
}
