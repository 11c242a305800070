namespace GameServer.ApiFrontend.Hosting;

/// <summary>
/// This frontend process as operators tell it apart (SPEC §7 <c>GET /api/admin/cluster</c>): the machine's
/// name, the process id and when the frontend was built up (UTC), so that its uptime can be told.
/// </summary>
public sealed class FrontendInstance(string name, int processId, DateTimeOffset startedAt)
{
    /// <summary>The machine this frontend runs on.</summary>
    public string Name { get; } = name;

    public int ProcessId { get; } = processId;

    /// <summary>When this frontend's host was built, UTC.</summary>
    public DateTimeOffset StartedAt { get; } = startedAt;

    /// <summary>This process on this machine, started now.</summary>
    public static FrontendInstance Current(TimeProvider clock) => new(Environment.MachineName, Environment.ProcessId, clock.GetUtcNow());
}
