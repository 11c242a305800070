using System.Globalization;
using System.Text;
using System.Text.Json;

namespace GameServer.LoadTest;

/// <summary>The end-of-run report: Markdown for people, JSON for tools, an SVG of latency over time.</summary>
public sealed class LoadReport(LoadPreset preset, Options options, LoadMetrics metrics, TimeSpan window, int socketsPeak, JsonElement? audit, string metricsSnapshot)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private long Requests => metrics.Endpoints.Values.Sum(e => e.Histogram.TotalCount);

    private long ErrorCount => metrics.Errors.Values.Sum();

    private bool AuditPassed => audit is { } a && a.GetProperty("conserved").GetBoolean();

    private double WorstP95 => metrics.Endpoints.Values.Select(e => e.Histogram.GetValueAtPercentile(95) / 1000.0).DefaultIfEmpty().Max();

    public bool Passed => ErrorCount == 0 && AuditPassed && Requests > 0;

    public string Summary => string.Create(CultureInfo.InvariantCulture,
        $"{(Passed ? "PASS" : "FAIL")}: {Requests} requests in {window.TotalSeconds:F0} s ({Requests / window.TotalSeconds:F0}/s), errors {ErrorCount}, worst p95 {WorstP95:F1} ms (target < {preset.P95LimitMs} ms), audit {(AuditPassed ? "conserved" : "FAILED")}, sockets {socketsPeak}, result delivery p99 {metrics.Delivery.GetValueAtPercentile(99) / 1000.0:F0} ms");

    public async Task<string> WriteAsync(string folder)
    {
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "report.md"), Markdown());
        await File.WriteAllTextAsync(Path.Combine(folder, "report.json"), JsonSerializer.Serialize(Data(), Indented));
        await File.WriteAllTextAsync(Path.Combine(folder, "latency.svg"), Chart());
        return Path.GetFullPath(folder);
    }

    private object Data() => new
    {
        preset = preset.Name,
        users = preset.Users,
        urls = options.Urls.Select(u => u.ToString()),
        measured_seconds = Math.Round(window.TotalSeconds, 1),
        requests = Requests,
        requests_per_second = Math.Round(Requests / window.TotalSeconds, 1),
        errors = metrics.Errors,
        passed = Passed,
        endpoints = metrics.Endpoints.OrderBy(e => e.Key).ToDictionary(e => e.Key, e => new
        {
            count = e.Value.Histogram.TotalCount,
            per_second = Math.Round(e.Value.Histogram.TotalCount / window.TotalSeconds, 1),
            p50_ms = Ms(e.Value.Histogram.GetValueAtPercentile(50)),
            p95_ms = Ms(e.Value.Histogram.GetValueAtPercentile(95)),
            p99_ms = Ms(e.Value.Histogram.GetValueAtPercentile(99)),
            max_ms = Ms(e.Value.Histogram.GetValueAtPercentile(100)),
            errors = e.Value.ErrorCount,
        }),
        signalr = new
        {
            connections_peak = socketsPeak,
            deliveries = metrics.Delivery.TotalCount,
            delivery_p50_ms = Ms(metrics.Delivery.GetValueAtPercentile(50)),
            delivery_p99_ms = Ms(metrics.Delivery.GetValueAtPercentile(99)),
        },
        audit,
        server_metrics = metricsSnapshot,
        measured_at = DateTimeOffset.UtcNow,
    };

    private string Markdown()
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# Load test: {preset.Name}");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"**{Summary}**");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"{preset.Users} virtual users (40 % players, 30 % watchers, 20 % financial, 10 % browsing) against {string.Join(", ", options.Urls)}; warm-up {preset.WarmUp.TotalSeconds} s, measured {window.TotalSeconds:F0} s, think time {preset.ThinkMin.TotalSeconds}–{preset.ThinkMax.TotalSeconds} s; {DateTimeOffset.UtcNow:u}.");
        md.AppendLine();
        md.AppendLine("| endpoint | count | req/s | p50 ms | p95 ms | p99 ms | max ms | errors |");
        md.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var (name, stats) in metrics.Endpoints.OrderBy(e => e.Key))
        {
            var h = stats.Histogram;
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| `{name}` | {h.TotalCount} | {h.TotalCount / window.TotalSeconds:F1} | {Ms(h.GetValueAtPercentile(50))} | {Ms(h.GetValueAtPercentile(95))} | {Ms(h.GetValueAtPercentile(99))} | {Ms(h.GetValueAtPercentile(100))} | {stats.ErrorCount} |");
        }

        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"SignalR: {socketsPeak} connections held; {metrics.Delivery.TotalCount} results delivered, draw → client p50 {Ms(metrics.Delivery.GetValueAtPercentile(50))} ms, p99 {Ms(metrics.Delivery.GetValueAtPercentile(99))} ms.");
        md.AppendLine();
        md.AppendLine("Errors by kind: " + (metrics.Errors.IsEmpty ? "none" : string.Join(", ", metrics.Errors.Select(e => $"{e.Key} × {e.Value}"))));
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Audit after the load: {(audit is { } a ? a.GetRawText() : "unavailable")}");
        md.AppendLine();
        md.AppendLine("Latency over time: `latency.svg`. Server metrics at the end (`/metrics`):");
        md.AppendLine();
        md.AppendLine("```");
        md.AppendLine(metricsSnapshot);
        md.AppendLine("```");
        return md.ToString();
    }

    private string Chart()
    {
        var points = metrics.Timeline.ToList();
        const int Width = 800, Height = 300, Margin = 40;
        var maxMs = Math.Max(1, points.Select(p => p.Histogram.GetValueAtPercentile(99) / 1000.0).DefaultIfEmpty(1).Max());
        var first = points.Count == 0 ? 0 : points[0].Second;
        var span = Math.Max(1, points.Count == 0 ? 1 : points[^1].Second - first);
        string Line(double percentile) => string.Join(" ", points.Select(p => string.Create(CultureInfo.InvariantCulture,
            $"{Margin + ((p.Second - first) * (Width - (2 * Margin)) / span)},{Height - Margin - (p.Histogram.GetValueAtPercentile(percentile) / 1000.0 * (Height - (2 * Margin)) / maxMs):F1}")));
        return string.Create(CultureInfo.InvariantCulture, $"""
            <svg xmlns="http://www.w3.org/2000/svg" width="{Width}" height="{Height}" font-family="sans-serif" font-size="11">
              <rect width="100%" height="100%" fill="white"/>
              <text x="{Margin}" y="16">Latency per second of the measured window (ms): p50 blue, p95 orange, p99 red; max {maxMs:F1} ms</text>
              <line x1="{Margin}" y1="{Height - Margin}" x2="{Width - Margin}" y2="{Height - Margin}" stroke="black"/>
              <line x1="{Margin}" y1="{Margin}" x2="{Margin}" y2="{Height - Margin}" stroke="black"/>
              <text x="4" y="{Margin + 4}">{maxMs:F0}</text><text x="4" y="{Height - Margin}">0</text>
              <text x="{Width - Margin - 40}" y="{Height - 10}">{span} s</text>
              <polyline fill="none" stroke="steelblue" points="{Line(50)}"/>
              <polyline fill="none" stroke="darkorange" points="{Line(95)}"/>
              <polyline fill="none" stroke="crimson" points="{Line(99)}"/>
            </svg>
            """);
    }

    private static double Ms(long micros) => Math.Round(micros / 1000.0, 2);
}
