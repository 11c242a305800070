using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace GameServer.LoadTest;

/// <summary>
/// N watchers of one game; for every result, the delay from the server's draw (drawn_at) to each
/// client's receipt. Client and server share this machine's clock, so the difference is the delivery
/// latency including the server's fan-out and the client's own queueing. With <c>--processes P</c>
/// the watchers are spread over P child processes (a process holds at most 20,000 open files here),
/// each sending its deliveries back; results drawn after every watcher of every process joined count.
/// </summary>
public static class FanoutBenchmark
{
    private const int ConnectBatch = 200;
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static async Task<int> RunAsync(Options options)
    {
        var samples = options.Processes > 1 ? await SpreadOverProcesses(options) : [await Watch(options)];
        if (options.SampleOut is { } sampleOut)
        {
            await File.WriteAllTextAsync(sampleOut, JsonSerializer.Serialize(samples[0]));
            return 0;
        }

        // Only results drawn after the last watcher joined reached everyone: measure those.
        var allJoined = samples.Max(sample => sample.JoinedAt);
        var measured = samples.SelectMany(sample => sample.Results)
            .Where(result => result.DrawnAt > allJoined)
            .Select(result => result.PeriodId)
            .Distinct()
            .Order(StringComparer.Ordinal)
            .Take(options.Results)
            .ToHashSet();
        var latencies = samples.SelectMany(sample => sample.Results).Where(result => measured.Contains(result.PeriodId))
            .SelectMany(result => result.LatenciesMs).Order().ToList();
        var expected = (long)options.Connections * measured.Count;
        var report = new
        {
            connections = options.Connections,
            processes = samples.Count,
            connected = samples.Sum(sample => sample.Connected),
            game = $"{options.Game}-{options.Duration}",
            results_measured = measured.Count,
            deliveries = latencies.Count,
            deliveries_expected = expected,
            p50_ms = Percentile(latencies, 0.50),
            p99_ms = Percentile(latencies, 0.99),
            max_ms = latencies.Count == 0 ? 0 : latencies[^1],
            measured_at = DateTimeOffset.UtcNow,
        };
        var json = JsonSerializer.Serialize(report, Indented);
        Console.WriteLine(json);
        if (options.Out is { } path)
        {
            await File.WriteAllTextAsync(path, json);
        }

        return latencies.Count == expected && expected > 0 ? 0 : 1;
    }

    public sealed record ResultDeliveries(string PeriodId, DateTimeOffset DrawnAt, List<double> LatenciesMs);

    public sealed record Sample(int Connected, DateTimeOffset JoinedAt, List<ResultDeliveries> Results);

    /// <summary>Runs this command again in P processes, each with its share of the watchers and one of the URLs.</summary>
    private static async Task<List<Sample>> SpreadOverProcesses(Options options)
    {
        var folder = Directory.CreateTempSubdirectory("fanout-");
        var children = Enumerable.Range(0, options.Processes).Select(i =>
        {
            var share = (options.Connections / options.Processes) + (i < options.Connections % options.Processes ? 1 : 0);
            var info = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
            foreach (var arg in new[]
            {
                typeof(FanoutBenchmark).Assembly.Location, "fanout", "--url", options.Urls[i % options.Urls.Count].ToString(),
                "--connections", share.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--game", options.Game, "--duration", options.Duration.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--results", options.Results.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--sample-out", Path.Combine(folder.FullName, $"{i}.json"),
            })
            {
                info.ArgumentList.Add(arg);
            }

            return Process.Start(info)!;
        }).ToList();
        await Task.WhenAll(children.Select(child => child.WaitForExitAsync()));
        var samples = new List<Sample>();
        for (var i = 0; i < children.Count; i++)
        {
            var file = Path.Combine(folder.FullName, $"{i}.json");
            samples.Add(File.Exists(file) ? JsonSerializer.Deserialize<Sample>(await File.ReadAllTextAsync(file))! : new Sample(0, DateTimeOffset.MaxValue, []));
        }

        folder.Delete(recursive: true);
        return samples;
    }

    private static async Task<Sample> Watch(Options options)
    {
        var deliveries = new ConcurrentDictionary<string, (DateTimeOffset DrawnAt, ConcurrentBag<double> Latencies)>();
        var connections = new List<HubConnection>();
        var started = Stopwatch.StartNew();
        Console.WriteLine($"connecting {options.Connections} watchers of {options.Game}-{options.Duration} to {string.Join(", ", options.Urls)}");
        for (var offset = 0; offset < options.Connections; offset += ConnectBatch)
        {
            var batch = Enumerable.Range(offset, Math.Min(ConnectBatch, options.Connections - offset)).Select(async i =>
            {
                var url = options.Urls[i % options.Urls.Count];
                var connection = new HubConnectionBuilder()
                    .WithUrl(new Uri(url, "/hubs/game"), o => { o.Transports = HttpTransportType.WebSockets; o.SkipNegotiation = true; })
                    .Build();
                connection.On<JsonElement>("gameResult", payload =>
                {
                    var received = DateTimeOffset.UtcNow;
                    var drawnAt = payload.GetProperty("drawn_at").GetDateTimeOffset();
                    deliveries.GetOrAdd(payload.GetProperty("period_id").GetString()!, _ => (drawnAt, [])).Latencies.Add((received - drawnAt).TotalMilliseconds);
                });
                await connection.StartAsync();
                await connection.InvokeAsync<string>("JoinGame", options.Game, options.Duration);
                return connection;
            });
            connections.AddRange(await Task.WhenAll(batch));
            Console.Write($"\r{connections.Count} connected ({started.Elapsed.TotalSeconds:F0} s)");
        }

        var joinedAt = DateTimeOffset.UtcNow;
        Console.WriteLine();

        // One more result than measured: another process may have joined later than this one.
        var timeout = TimeSpan.FromSeconds((options.Results + 3) * options.Duration + 30);
        var waiting = Stopwatch.StartNew();
        while (deliveries.Count(d => d.Value.DrawnAt > joinedAt) <= options.Results && waiting.Elapsed < timeout)
        {
            await Task.Delay(1000);
            Console.Write($"\rresults seen: {deliveries.Count} ({waiting.Elapsed.TotalSeconds:F0} s)");
        }

        Console.WriteLine();
        await Task.Delay(2000);
        await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask()));
        return new Sample(connections.Count, joinedAt,
            deliveries.Select(d => new ResultDeliveries(d.Key, d.Value.DrawnAt, [.. d.Value.Latencies])).ToList());
    }

    private static double Percentile(List<double> sorted, double quantile) =>
        sorted.Count == 0 ? 0 : Math.Round(sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(quantile * sorted.Count) - 1)], 1);
}
