using System.Text.Json;
using GameServer.ApiFrontend.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace GameServer.ApiFrontend.Apis;

/// <summary>
/// One silo as the cluster's membership table lists it: <c>address</c> (<c>ip:port</c> of its silo-to-silo
/// endpoint) and <c>generation</c> (which start of that endpoint), <c>name</c>, <c>host_name</c>, <c>status</c>
/// (Orleans' silo status in snake_case: <c>created</c>, <c>joining</c>, <c>active</c>, <c>shutting_down</c>,
/// <c>stopping</c>, <c>dead</c>), <c>gateway_port</c> (where frontends connect; 0 for none), <c>started_at</c>
/// and <c>last_alive_at</c> (its last heartbeat in the table, null before the first), both UTC.
/// </summary>
public sealed record SiloResponse(
    string Address, int Generation, string Name, string HostName, string Status, int GatewayPort, DateTimeOffset StartedAt, DateTimeOffset? LastAliveAt);

/// <summary>
/// The frontend that answered: <c>name</c> (its machine), <c>process_id</c>, <c>addresses</c> it listens on,
/// <c>started_at</c> (UTC) and <c>uptime_seconds</c> (whole seconds since).
/// </summary>
public sealed record FrontendResponse(string Name, int ProcessId, IReadOnlyList<string> Addresses, DateTimeOffset StartedAt, long UptimeSeconds);

/// <summary>
/// The cluster as an operator sees it (SPEC §7 <c>GET /api/admin/cluster</c>): <c>active_silos</c> (silos whose
/// status is <c>active</c>), <c>total_silos</c> (every silo the membership table still lists, dead ones
/// included until Orleans cleans them up), <c>silos</c> (active first, then by address) and the answering
/// <c>frontend</c>, and <c>dashboard_url</c>, where operators open the Orleans Dashboard (<c>WebApp:DashboardUrl</c>;
/// null when not configured).
/// </summary>
public sealed record ClusterResponse(int ActiveSilos, int TotalSilos, IReadOnlyList<SiloResponse> Silos, FrontendResponse Frontend, string? DashboardUrl);

/// <summary>The admin's view of the Orleans cluster, read from Orleans' own management grain.</summary>
public static class ClusterApi
{
    /// <summary>
    /// SPEC §7 <c>GET /api/admin/cluster</c> (admins only, mapped in <see cref="AdminApi"/>): every silo of the
    /// membership table (<c>IManagementGrain.GetDetailedHosts(onlyActive: false)</c>), how many are active,
    /// and this frontend. 503 when no silo answers.
    /// </summary>
    internal static async Task<Ok<ApiResponse<ClusterResponse>>> GetCluster(IGrainFactory grains, FrontendInstance frontend, IServer server, IOptions<WebAppOptions> webApp)
    {
        var hosts = await grains.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: false);
        var silos = hosts
            .OrderBy(host => host.Status == SiloStatus.Active ? 0 : 1)
            .ThenBy(host => host.SiloAddress.Endpoint.ToString(), StringComparer.Ordinal)
            .ThenBy(host => host.SiloAddress.Generation)
            .Select(host => new SiloResponse(
                host.SiloAddress.Endpoint.ToString(), host.SiloAddress.Generation, host.SiloName ?? "", host.HostName ?? "",
                JsonNamingPolicy.SnakeCaseLower.ConvertName(host.Status.ToString()), host.ProxyPort, Utc(host.StartTime),
                host.IAmAliveTime == default ? null : Utc(host.IAmAliveTime)))
            .ToList();

        var now = TimeProvider.System.GetUtcNow();
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
        var self = new FrontendResponse(frontend.Name, frontend.ProcessId, addresses, frontend.StartedAt, (long)Math.Max(0, (now - frontend.StartedAt).TotalSeconds));
        return ApiResponse.Ok(new ClusterResponse(hosts.Count(host => host.Status == SiloStatus.Active), silos.Count, silos, self, webApp.Value.DashboardUrl));
    }

    /// <summary>Orleans keeps membership times as UTC <see cref="DateTime"/>s.</summary>
    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
