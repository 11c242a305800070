using System.Globalization;
using System.Text;
using System.Text.Json;

namespace GameServer.LoadTest;

/// <summary>The end-of-run report: Markdown for people, JSON for tools, an SVG of latency and users over time.</summary>
public sealed class LoadReport(
    LoadPreset preset, Options options, IReadOnlyList<LoadMetrics> phases, LoadTimeline timeline, JsonElement? audit, string metricsSnapshot,
    LedgerCheck ledgers, HubReconnects reconnects)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private bool AuditPassed => audit is { } a && a.GetProperty("conserved").GetBoolean();

    private IEnumerable<LoadMetrics> Gates => phases.Where(p => p.Phase.Role == PhaseRole.Gate);

    /// <summary>
    /// Every gate phase ran and held, the money adds up afterwards, every acknowledged operation is in its
    /// ledger and every hub connection that dropped came back.
    /// </summary>
    public bool Passed =>
        AuditPassed
        && ledgers.Passed
        && reconnects.Away == 0
        && reconnects.WithoutResults == 0
        && Gates.Count() == preset.Phases.Count(p => p.Role == PhaseRole.Gate)
        && Gates.All(p => p.Broke(preset.P95LimitMs) is null);

    private IEnumerable<LoadMetrics> Judged => phases.Where(p => p.Phase.Role is PhaseRole.Gate or PhaseRole.Stress);

    /// <summary>The most users of a judged phase that held.</summary>
    private int? Capacity => Judged.Where(p => p.Broke(preset.P95LimitMs) is null).Select(p => (int?)p.Phase.Users).Max();

    /// <summary>What the disturbed phases (a rolling restart) cost: failed attempts, of which retried and given up, and the hubs' reconnections.</summary>
    private string? Disturbance => phases.Where(p => p.Phase.Role == PhaseRole.Disturbed).ToList() is { Count: > 0 } disturbed
        ? string.Create(CultureInfo.InvariantCulture,
            $"{string.Join(", ", disturbed.Select(p => p.Phase.Name))} over {disturbed.Sum(p => p.Elapsed.TotalSeconds):F0} s: {disturbed.Sum(p => p.Requests)} requests, {disturbed.Sum(p => p.Endpoints.Values.Sum(e => e.ErrorCount))} failed ({disturbed.Sum(p => p.Retried)} retried, {disturbed.Sum(p => p.GaveUp)} given up); hub connections {reconnects.Dropped} dropped, {reconnects.Reconnected} back (longest away {reconnects.LongestGap.TotalSeconds:F1} s)")
        : null;

    public string Summary
    {
        get
        {
            var target = phases.FirstOrDefault(p => p.Phase == preset.Target);
            var text = new StringBuilder(Passed ? "PASS" : "FAIL");
            text.Append(CultureInfo.InvariantCulture, $": {preset.Target.Name} {preset.Target.Users} users ");
            text.Append(target is null
                ? "not reached"
                : string.Create(CultureInfo.InvariantCulture, $"over {target.Elapsed.TotalSeconds:F0} s: {target.Requests} requests ({target.RequestsPerSecond:F0}/s), errors {target.ErrorCount}, worst p95 {target.WorstP95.Ms:F1} ms (target < {preset.P95LimitMs} ms), sockets {target.SocketsPeak}, result delivery p99 {Ms(target.Delivery.ValueAt(99)):F0} ms"));
            if (Disturbance is { } disturbance)
            {
                text.Append(CultureInfo.InvariantCulture, $"; {disturbance}");
            }

            text.Append(CultureInfo.InvariantCulture, $"; acknowledged operations {ledgers.Acknowledged}, lost {ledgers.Lost.Count}{(ledgers.UnreadableAccounts.Count > 0 ? $" ({ledgers.UnreadableAccounts.Count} ledgers unreadable)" : "")}");
            if (reconnects.Away > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"; {reconnects.Away} hub connections never came back");
            }

            if (reconnects.DueResults > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"; results heard again on {reconnects.HeardResults} of {reconnects.DueResults} connections");
            }

            text.Append(CultureInfo.InvariantCulture, $"; audit {(AuditPassed ? "conserved" : "FAILED")}");
            if (Judged.FirstOrDefault(p => p.Broke(preset.P95LimitMs) is not null) is { } broken)
            {
                text.Append(CultureInfo.InvariantCulture, $"; broke at {broken.Phase.Users} users ({broken.Broke(preset.P95LimitMs)})");
            }

            text.Append(CultureInfo.InvariantCulture, $"; held up to {(Capacity is { } held ? held.ToString(CultureInfo.InvariantCulture) : "none")}");
            return text.ToString();
        }
    }

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
        urls = options.Urls.Select(u => u.ToString()),
        think_seconds = new[] { preset.ThinkMin.TotalSeconds, preset.ThinkMax.TotalSeconds },
        p95_limit_ms = preset.P95LimitMs,
        passed = Passed,
        capacity_users = Capacity,
        phases = phases.Select(p => new
        {
            name = p.Phase.Name,
            role = p.Phase.Role.ToString(),
            users = p.Phase.Users,
            ramp_seconds = p.Phase.Ramp.TotalSeconds,
            hold_seconds = p.Phase.Hold.TotalSeconds,
            elapsed_seconds = Math.Round(p.Elapsed.TotalSeconds, 1),
            requests = p.Requests,
            requests_per_second = Math.Round(p.RequestsPerSecond, 1),
            errors = p.Errors,
            failed_requests = p.Endpoints.Values.Sum(e => e.ErrorCount),
            retried = p.Retried,
            given_up = p.GaveUp,
            broke = p.Broke(preset.P95LimitMs),
            endpoints = p.Endpoints.OrderBy(e => e.Key).ToDictionary(e => e.Key, e => new
            {
                count = e.Value.Histogram.TotalCount,
                per_second = Math.Round(e.Value.Histogram.TotalCount / Math.Max(1, p.Elapsed.TotalSeconds), 1),
                p50_ms = Ms(e.Value.Histogram.ValueAt(50)),
                p95_ms = Ms(e.Value.Histogram.ValueAt(95)),
                p99_ms = Ms(e.Value.Histogram.ValueAt(99)),
                max_ms = Ms(e.Value.Histogram.ValueAt(100)),
                errors = e.Value.ErrorCount,
            }),
            server_cpu_seconds = p.ServerCpu?.TotalSeconds,
            server_cpu_per_request_us = p.ServerCpuPerRequestMicroseconds,
            signalr = new
            {
                connections_peak = p.SocketsPeak,
                deliveries = p.Delivery.TotalCount,
                delivery_p50_ms = Ms(p.Delivery.ValueAt(50)),
                delivery_p99_ms = Ms(p.Delivery.ValueAt(99)),
            },
        }),
        acknowledged_operations = new { count = ledgers.Acknowledged, lost = ledgers.Lost, unreadable_ledgers = ledgers.UnreadableAccounts },
        hub_reconnects = new { dropped = reconnects.Dropped, reconnected = reconnects.Reconnected, away = reconnects.Away, failed_attempts = reconnects.FailedAttempts, longest_away_seconds = Math.Round(reconnects.LongestGap.TotalSeconds, 1), due_a_result = reconnects.DueResults, heard_a_result = reconnects.HeardResults },
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
        md.AppendLine(CultureInfo.InvariantCulture, $"Virtual users {(preset.Mix == LoadMix.Players ? "as players use the app, every one connected to the hub on the game screen it is on (60 % lurkers, 25 % casual, 10 % active, 4 % high rollers, 1 % admins; 16 game-durations, half on Wingo)" : "in the old system's mix (40 % players, 30 % SignalR watchers, 20 % financial, 10 % browsing)")} against {string.Join(", ", options.Urls)}; think time {preset.ThinkMin.TotalSeconds}–{preset.ThinkMax.TotalSeconds} s; a phase holds with no errors and every endpoint's p95 under {preset.P95LimitMs} ms, its ramp included; {DateTimeOffset.UtcNow:u}.");
        md.AppendLine();
        md.AppendLine("| phase | role | users | ramp + hold | requests | req/s | errors | worst p95 | delivery p99 | sockets | server CPU per request | verdict |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var p in phases)
        {
            var (endpoint, p95) = p.WorstP95;
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {p.Phase.Name} | {p.Phase.Role} | {p.Phase.Users} | {p.Phase.Ramp.TotalSeconds:F0} + {p.Phase.Hold.TotalSeconds:F0} s | {p.Requests} | {p.RequestsPerSecond:F0} | {p.ErrorCount} | {p95:F1} ms (`{endpoint}`) | {Ms(p.Delivery.ValueAt(99)):F0} ms | {p.SocketsPeak} | {(p.ServerCpuPerRequestMicroseconds is { } cpu ? $"{cpu:F0} µs" : "—")} | {(p.Phase.Role == PhaseRole.Disturbed ? "counted, not judged" : p.Broke(preset.P95LimitMs) ?? "held")} |");
        }

        foreach (var p in phases)
        {
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"## {p.Phase.Name}: {p.Phase.Users} users, {p.Elapsed.TotalSeconds:F0} s");
            md.AppendLine();
            md.AppendLine("| endpoint | count | req/s | p50 ms | p95 ms | p99 ms | max ms | errors |");
            md.AppendLine("|---|---|---|---|---|---|---|---|");
            foreach (var (name, stats) in p.Endpoints.OrderBy(e => e.Key))
            {
                var h = stats.Histogram;
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| `{name}` | {h.TotalCount} | {h.TotalCount / Math.Max(1, p.Elapsed.TotalSeconds):F1} | {Ms(h.ValueAt(50))} | {Ms(h.ValueAt(95))} | {Ms(h.ValueAt(99))} | {Ms(h.ValueAt(100))} | {stats.ErrorCount} |");
            }

            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"SignalR: {p.SocketsPeak} connections held; {p.Delivery.TotalCount} results delivered, draw → client p50 {Ms(p.Delivery.ValueAt(50))} ms, p99 {Ms(p.Delivery.ValueAt(99))} ms. Errors by kind: {(p.Errors.IsEmpty ? "none" : string.Join(", ", p.Errors.Select(e => $"{e.Key} × {e.Value}")))}.");
        }

        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Acknowledged money operations (bets, paid deposits, withdrawals) read back from their ledgers: {ledgers.Acknowledged}, lost {ledgers.Lost.Count}{(ledgers.Lost.Count > 0 ? $": {string.Join(", ", ledgers.Lost)}" : "")}{(ledgers.UnreadableAccounts.Count > 0 ? $"; ledgers that could not be read: {string.Join(", ", ledgers.UnreadableAccounts)}" : "")}.");
        if (reconnects.Dropped > 0 || reconnects.DueResults > 0)
        {
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"Hub connections: {reconnects.Dropped} dropped by the servers, {reconnects.Reconnected} reconnected (longest away {reconnects.LongestGap.TotalSeconds:F1} s, {reconnects.FailedAttempts} failed attempts), {reconnects.Away} away at the end; {reconnects.HeardResults} of the {reconnects.DueResults} due one heard a result after the disturbance.");
        }

        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Audit after the load: {(audit is { } a ? a.GetRawText() : "unavailable")}");
        md.AppendLine();
        md.AppendLine("Latency and users over time: `latency.svg`. Server metrics at the end (`/metrics`):");
        md.AppendLine();
        md.AppendLine("```");
        md.AppendLine(metricsSnapshot);
        md.AppendLine("```");
        return md.ToString();
    }

    private string Chart()
    {
        var points = timeline.Seconds.ToList();
        const int Width = 900, Height = 320, Margin = 44;
        var maxMs = Math.Max(1, points.Select(p => Ms(p.Histogram.ValueAt(99))).DefaultIfEmpty(1).Max());
        var maxUsers = Math.Max(1, points.Select(p => p.Users).DefaultIfEmpty(1).Max());
        var first = points.Count == 0 ? 0 : points[0].Second;
        var span = Math.Max(1, points.Count == 0 ? 1 : points[^1].Second - first);
        double X(long second) => Margin + ((second - first) * (Width - (2.0 * Margin)) / span);
        double Y(double value, double max) => Height - Margin - (value * (Height - (2.0 * Margin)) / max);
        string Line(Func<(long Second, HdrHistogram.LongConcurrentHistogram Histogram, int Users), double> value, double max) =>
            string.Join(" ", points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{X(p.Second):F1},{Y(value(p), max):F1}")));
        var phaseMarks = string.Join("\n  ", timeline.PhaseStarts.Select(p => string.Create(CultureInfo.InvariantCulture,
            $"""<line x1="{X(p.Second):F1}" y1="{Margin}" x2="{X(p.Second):F1}" y2="{Height - Margin}" stroke="#bbb" stroke-dasharray="4"/><text x="{X(p.Second) + 3:F1}" y="{Margin + 10}" fill="#666">{p.Phase}</text>""")));
        return string.Create(CultureInfo.InvariantCulture, $"""
            <svg xmlns="http://www.w3.org/2000/svg" width="{Width}" height="{Height}" font-family="sans-serif" font-size="11">
              <rect width="100%" height="100%" fill="white"/>
              <text x="{Margin}" y="16">Latency per second (ms, left): p50 blue, p95 orange, p99 red; users (right, grey, max {maxUsers})</text>
              <line x1="{Margin}" y1="{Height - Margin}" x2="{Width - Margin}" y2="{Height - Margin}" stroke="black"/>
              <line x1="{Margin}" y1="{Margin}" x2="{Margin}" y2="{Height - Margin}" stroke="black"/>
              <text x="4" y="{Margin + 4}">{maxMs:F0}</text><text x="4" y="{Height - Margin}">0</text>
              <text x="{Width - Margin + 2}" y="{Margin + 4}">{maxUsers}</text>
              <text x="{Width - Margin - 40}" y="{Height - 10}">{span} s</text>
              {phaseMarks}
              <polyline fill="none" stroke="#999" points="{Line(p => p.Users, maxUsers)}"/>
              <polyline fill="none" stroke="steelblue" points="{Line(p => Ms(p.Histogram.ValueAt(50)), maxMs)}"/>
              <polyline fill="none" stroke="darkorange" points="{Line(p => Ms(p.Histogram.ValueAt(95)), maxMs)}"/>
              <polyline fill="none" stroke="crimson" points="{Line(p => Ms(p.Histogram.ValueAt(99)), maxMs)}"/>
            </svg>
            """);
    }

    private static double Ms(long micros) => Math.Round(micros / 1000.0, 2);
}
