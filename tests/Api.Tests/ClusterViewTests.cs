using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using GameServer.Testing;

namespace GameServer.Api.Tests;

/// <summary>Its own two-silo cluster: this test stops a silo and watches the admin's cluster view follow.</summary>
public sealed class ClusterViewTests
{
    [Fact]
    public async Task The_admins_cluster_view_lists_both_silos_active_and_the_answering_frontend_and_counts_one_after_a_silo_stops()
    {
        await using var cluster = await LocalCluster.StartAsync(siloCount: 2);
        var frontend = cluster.StartFrontend();
        using var http = frontend.CreateHttpClient();
        var admin = await http.LoginAsync("9000000000", "dev-admin-password");
        var player = await http.NewPlayerAsync();

        var view = (await http.GetJsonAsync("/api/admin/cluster", admin)).GetProperty("data");

        Assert.Equal(2, view.GetProperty("active_silos").GetInt32());
        var silos = view.GetProperty("silos").EnumerateArray().ToList();
        Assert.Equal(view.GetProperty("total_silos").GetInt32(), silos.Count);
        var active = silos.Where(silo => silo.GetProperty("status").GetString() == "active").ToList();
        Assert.Equal(2, active.Count);
        Assert.Equal(2, active.Select(silo => silo.GetProperty("address").GetString()).Distinct().Count());
        Assert.All(active, silo =>
        {
            Assert.StartsWith("127.0.0.1:", silo.GetProperty("address").GetString(), StringComparison.Ordinal);
            Assert.False(string.IsNullOrEmpty(silo.GetProperty("name").GetString()));
            Assert.True(silo.GetProperty("gateway_port").GetInt32() > 0);
            Assert.InRange(silo.GetProperty("started_at").GetDateTimeOffset(), DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddSeconds(5));
        });
        var self = view.GetProperty("frontend");
        Assert.Equal(Environment.ProcessId, self.GetProperty("process_id").GetInt32());
        Assert.Contains(self.GetProperty("addresses").EnumerateArray(), address => new Uri(address.GetString()!).Port == frontend.BaseAddress.Port);
        Assert.InRange(self.GetProperty("uptime_seconds").GetInt64(), 0, 300);
        Assert.True(self.GetProperty("started_at").GetDateTimeOffset() <= DateTimeOffset.UtcNow);
        await http.GetJsonAsync("/api/admin/cluster", player.Token, HttpStatusCode.Forbidden);
        Assert.Equal(JsonValueKind.Null, view.GetProperty("dashboard_url").ValueKind);
        var configured = cluster.StartFrontend(new Dictionary<string, string?> { ["WebApp:DashboardUrl"] = "http://127.0.0.1:8081/dashboard/" });
        using var configuredHttp = configured.CreateHttpClient();
        Assert.Equal("http://127.0.0.1:8081/dashboard/", (await configuredHttp.GetJsonAsync("/api/admin/cluster", admin)).GetProperty("data").GetProperty("dashboard_url").GetString());

        await cluster.StopSiloAsync(1);

        var after = await WaitForActiveSilos(http, admin, expected: 1);
        var left = after.GetProperty("silos").EnumerateArray().ToList();
        Assert.Equal("active", left[0].GetProperty("status").GetString());
        Assert.All(left.Skip(1), silo => Assert.Contains(silo.GetProperty("status").GetString(), new[] { "shutting_down", "stopping", "dead" }));
    }

    /// <summary>Reads the view until it counts <paramref name="expected"/> active silos (a failing-over cluster may answer 503 meanwhile).</summary>
    private static async Task<JsonElement> WaitForActiveSilos(HttpClient http, string admin, int expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/admin/cluster");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
            using var response = await http.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var data = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("data").Clone();
                if (data.GetProperty("active_silos").GetInt32() == expected)
                {
                    return data;
                }
            }
            else
            {
                Assert.True((int)response.StatusCode == 503, $"unexpected {(int)response.StatusCode}");
            }

            Assert.True(DateTime.UtcNow < deadline, $"The cluster view did not count {expected} active silo(s) within 30 s.");
            await Task.Delay(250);
        }
    }
}
