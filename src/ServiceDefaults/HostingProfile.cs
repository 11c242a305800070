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
}
