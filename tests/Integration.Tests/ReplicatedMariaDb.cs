using System.Diagnostics;
using System.Globalization;
using GameServer.Testing;

namespace GameServer.Integration.Tests;

/// <summary>
/// A MariaDB primary and its read replica, started as an operator starts them, with
/// <c>scripts/db-up.sh</c> and <c>scripts/db-up.sh --replica</c>, on ports and directories of their own
/// (the suite's server is restarted by other tests, and the replica tests stop replication at will);
/// stopped and wiped by <c>scripts/db-down.sh --wipe</c>, which finds the replica beside the primary.
/// </summary>
public sealed class ReplicatedMariaDb : IAsyncLifetime
{
    private readonly string directory = Path.Combine(ProcessCluster.RepositoryRoot(), ".run", $"replica-test-{Guid.NewGuid():N}"[..21]);
    private readonly Dictionary<string, string> environment;

    public ReplicatedMariaDb() => environment = new Dictionary<string, string>
    {
        ["DB_PORT"] = TestPorts.Free().ToString(CultureInfo.InvariantCulture),
        ["DB_DIR"] = directory,
        ["DB_NAME"] = "gameserver",
        ["DB_REPLICA_PORT"] = TestPorts.Free().ToString(CultureInfo.InvariantCulture),
        ["DB_BUFFER_POOL"] = "64M",
        ["DB_REPLICA_BUFFER_POOL"] = "64M",
    };

    /// <summary>The primary's port on 127.0.0.1, which the replica replicates from.</summary>
    public int PrimaryPort => int.Parse(environment["DB_PORT"], CultureInfo.InvariantCulture);

    /// <summary>The primary's connection string, as db-up.sh prints it.</summary>
    public string PrimaryConnectionString { get; private set; } = "";

    /// <summary>The replica's read-only connection string, as db-up.sh --replica prints it.</summary>
    public string ReplicaConnectionString { get; private set; } = "";

    /// <summary>db-up.sh --replica's default: the primary's directory followed by -replica.</summary>
    private string ReplicaDirectory => directory + "-replica";

    public async Task InitializeAsync()
    {
        try
        {
            PrimaryConnectionString = await ScriptAsync("db-up.sh");
            ReplicaConnectionString = await ScriptAsync("db-up.sh", "--replica");
        }
        catch
        {
            // xunit does not dispose a fixture whose set-up failed: no server may outlive it.
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync() => await ScriptAsync("db-down.sh", "--wipe");

    /// <summary>Runs SQL on the replica as its root user, over its socket (STOP SLAVE and the like).</summary>
    public async Task OnReplicaAsync(string sql) =>
        await RunAsync("mariadb", ["--no-defaults", $"--socket={Path.Combine(ReplicaDirectory, "mariadb.sock")}", "-uroot", "-e", sql]);

    /// <summary>The replica's Slave_IO_Running, Slave_SQL_Running and Seconds_Behind_Master (-1 for NULL), from SHOW REPLICA STATUS.</summary>
    public async Task<(string Io, string Sql, long SecondsBehind)> ReplicaStatusAsync()
    {
        // --vertical: one "Name: value" line per column.
        var status = (await RunAsync("mariadb", ["--no-defaults", $"--socket={Path.Combine(ReplicaDirectory, "mariadb.sock")}", "-uroot", "--vertical", "-e", "SHOW REPLICA STATUS"]))
            .Split('\n')
            .Select(line => line.Split(':', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0].Trim(), pair => pair[1].Trim(), StringComparer.Ordinal);
        var behind = status["Seconds_Behind_Master"];
        return (status["Slave_IO_Running"], status["Slave_SQL_Running"], behind == "NULL" ? -1 : long.Parse(behind, CultureInfo.InvariantCulture));
    }

    /// <summary>Stops the replica's server as a shutdown of its machine would (SIGTERM); the primary goes on.</summary>
    public async Task StopReplicaAsync()
    {
        var pid = (await File.ReadAllTextAsync(Path.Combine(ReplicaDirectory, "mariadb.pid"))).Trim();
        await RunAsync("kill", [pid]);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (Directory.Exists($"/proc/{pid}"))
        {
            Assert.True(DateTime.UtcNow < deadline, $"the replica (pid {pid}) did not stop within 60 s");
            await Task.Delay(100);
        }
    }

    /// <summary>Starts the stopped replica again with db-up.sh --replica, which resumes replication where it stopped.</summary>
    public async Task StartReplicaAsync() => await ScriptAsync("db-up.sh", "--replica");

    private async Task<string> ScriptAsync(string name, params string[] arguments) =>
        (await RunAsync("bash", [Path.Combine(ProcessCluster.RepositoryRoot(), "scripts", name), .. arguments])).TrimEnd().Split('\n')[^1];

    private async Task<string> RunAsync(string program, string[] arguments)
    {
        var info = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        // scripts/test.sh exports the suite's server settings; these servers have their own.
        info.Environment.Remove("DB_REPLICA_DIR");
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await output} {await error}");
        }

        return await output;
    }
}
