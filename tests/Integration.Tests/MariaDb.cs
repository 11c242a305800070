using System.Diagnostics;
using GameServer.Grains.Wallet;
using GameServer.Testing;
using MySqlConnector;

namespace GameServer.Integration.Tests;

/// <summary>The MariaDB that scripts/test.sh started (scripts/db-up.sh), with every migration applied.</summary>
public static class MariaDb
{
    public const string ConnectionStringVariable = "GAMESERVER_TEST_MYSQL";

    /// <summary>A second database on the same server for the store's contract tests, whose rows no running game may read as its own.</summary>
    public const string ContractConnectionStringVariable = "GAMESERVER_TEST_MYSQL_CONTRACT";

    /// <summary>The key the test silos seal day secrets with.</summary>
    public static byte[] SeedSecretKey => ProcessCluster.SeedSecretKey;

    /// <summary>The payout sealing key of the test silos (ProcessCluster's): a store made here reads what they wrote.</summary>
    public static PayoutSealer PayoutSealer => new(ProcessCluster.PayoutSealingKey);

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(ConnectionStringVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{ConnectionStringVariable} is not set: run scripts/test.sh, which starts MariaDB with scripts/db-up.sh.");

    public static string ContractConnectionString =>
        Environment.GetEnvironmentVariable(ContractConnectionStringVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{ContractConnectionStringVariable} is not set: run scripts/test.sh, which makes that database with scripts/db-up.sh.");

    public static MySqlDataSource DataSource() => new MySqlDataSourceBuilder(ConnectionString).Build();

    public static async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var source = DataSource();
        await using var connection = await source.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Stops and starts the database server itself, as scripts/db-down.sh and db-up.sh do.</summary>
    public static async Task RestartAsync()
    {
        await Script("db-down.sh");
        await Script("db-up.sh");
    }

    private static async Task Script(string name)
    {
        var info = new ProcessStartInfo("bash", [Path.Combine(ProcessCluster.RepositoryRoot(), "scripts", name)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{name} failed: {await output} {await error}");
        }
    }
}
