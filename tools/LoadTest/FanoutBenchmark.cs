using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace GameServer.LoadTest;

/// <summary>
/// N watchers of one game; for every result, the delay from the server's draw (drawn_at) to each
/// client's receipt. Client and server share this machine's clock, so the difference is the delivery
/// latency including the server's fan-out and the client's own queueing.
/// </summary>
public static class FanoutBenchmark
{
    private const int ConnectBatch = 200;
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static async Task<int> RunAsync(Options options)
    {
        var deliveries = new ConcurrentDictionary<string, ConcurrentBag<double>>();
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
                    var periodId = payload.GetProperty("period_id").GetString()!;
                    var drawnAt = payload.GetProperty("drawn_at").GetDateTimeOffset();
                    deliveries.GetOrAdd(periodId, _ => []).Add((received - drawnAt).TotalMilliseconds);
                });
                await connection.StartAsync();
                await connection.InvokeAsync<string>("JoinGame", options.Game, options.Duration);
                return connection;
            });
            connections.AddRange(await Task.WhenAll(batch));
            Console.Write($"\r{connections.Count} connected ({started.Elapsed.TotalSeconds:F0} s)");
        }

        Console.WriteLine();
        var timeout = TimeSpan.FromSeconds((options.Results + 2) * options.Duration + 30);
        var waiting = Stopwatch.StartNew();
        while (deliveries.Count(d => !d.Value.IsEmpty) <= options.Results && waiting.Elapsed < timeout)
        {
            await Task.Delay(1000);
            Console.Write($"\rresults seen: {deliveries.Count} ({waiting.Elapsed.TotalSeconds:F0} s)");
        }

        Console.WriteLine();
        await Task.Delay(2000);

        // The first result may have reached only the watchers already joined: measure the complete ones.
        var complete = deliveries.OrderBy(d => d.Key, StringComparer.Ordinal).Skip(1).Take(options.Results).ToList();
        var latencies = complete.SelectMany(d => d.Value).Order().ToList();
        var expected = (long)options.Connections * complete.Count;
        var report = new
        {
            connections = options.Connections,
            game = $"{options.Game}-{options.Duration}",
            results_measured = complete.Count,
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

        await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask()));
        return latencies.Count == expected && expected > 0 ? 0 : 1;
    }

    private static double Percentile(List<double> sorted, double quantile) =>
        sorted.Count == 0 ? 0 : Math.Round(sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(quantile * sorted.Count) - 1)], 1);
}
