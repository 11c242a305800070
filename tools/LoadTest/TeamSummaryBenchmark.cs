using System.Diagnostics;
using System.Text.Json;
using GameServer.Grains.Hosting;
using GameServer.Referral;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GameServer.LoadTest;

/// <summary>
/// Team-summary latency for a player with a large team: an in-process silo (Development
/// infrastructure) builds a synthetic six-level tree of the requested size under one root, then the
/// root's summary is asked for repeatedly through the grain interface the frontend calls.
/// </summary>
public static class TeamSummaryBenchmark
{
    private const int Samples = 2000;
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static async Task<int> RunAsync(Options options)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddFilter(level => level >= LogLevel.Warning);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Games:AutoStart"] = "false" }).Build();
        builder.UseOrleans(silo => silo.UseLocalhostClustering(siloPort: 21111, gatewayPort: 31000).AddInMemoryGameInfrastructure().AddGameServerGrains(configuration));
        using var host = builder.Build();
        await host.StartAsync();
        var grains = host.Services.GetRequiredService<IGrainFactory>();

        var root = 1_000_000_000L;
        await grains.GetGrain<IReferralTreeGrain>(root).Join([]);
        var watch = Stopwatch.StartNew();
        var members = await BuildTree(grains, root, options.Connections);
        Console.WriteLine($"built a team of {members} members in {watch.Elapsed.TotalSeconds:F1} s");

        var tree = grains.GetGrain<IReferralTreeGrain>(root);
        var summary = await tree.GetTeamSummary();
        var latencies = new List<double>(Samples);
        for (var i = 0; i < Samples; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await tree.GetTeamSummary();
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        latencies.Sort();
        var report = new
        {
            members,
            per_level = summary.Levels.Select(l => l.Members).ToArray(),
            samples = Samples,
            p50_ms = Math.Round(latencies[Samples / 2], 3),
            p95_ms = Math.Round(latencies[(int)(Samples * 0.95)], 3),
            max_ms = Math.Round(latencies[^1], 3),
            measured_at = DateTimeOffset.UtcNow,
        };
        Console.WriteLine(JsonSerializer.Serialize(report, Indented));
        await host.StopAsync();
        return 0;
    }

    /// <summary>Ten members per member, level by level, until the team has the requested size.</summary>
    private static async Task<int> BuildTree(IGrainFactory grains, long root, int size)
    {
        var next = root + 1;
        var count = 0;
        var parents = new List<(long Id, long[] Upline)> { (root, []) };
        for (var level = 1; level <= 6 && count < size; level++)
        {
            var children = new List<(long, long[])>();
            foreach (var (id, upline) in parents)
            {
                for (var i = 0; i < 10 && count < size; i++, count++)
                {
                    children.Add((next++, [id, .. upline]));
                }
            }

            foreach (var chunk in children.Chunk(500))
            {
                await Task.WhenAll(chunk.Select(child => grains.GetGrain<IReferralTreeGrain>(child.Item1).Join(child.Item2)));
            }

            parents = children;
        }

        return count;
    }
}
