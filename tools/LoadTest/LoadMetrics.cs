using System.Collections.Concurrent;
using HdrHistogram;

namespace GameServer.LoadTest;

/// <summary>One phase's figures: latencies per endpoint (HdrHistogram, microseconds), errors by kind, result deliveries.</summary>
public sealed class LoadMetrics(LoadPhase phase)
{
    public const long HighestMicroseconds = 60_000_000;

    private readonly ConcurrentDictionary<string, EndpointStats> endpoints = new();

    public LoadPhase Phase { get; } = phase;

    public LongConcurrentHistogram Delivery { get; } = NewHistogram();

    public ConcurrentDictionary<string, int> Errors { get; } = new();

    public IReadOnlyDictionary<string, EndpointStats> Endpoints => endpoints;

    public TimeSpan Elapsed { get; set; }

    /// <summary>CPU time the server processes used during the phase (their own counters), if every one answered.</summary>
    public TimeSpan? ServerCpu { get; set; }

    /// <summary>Server CPU per request of the phase, in microseconds.</summary>
    public double? ServerCpuPerRequestMicroseconds => ServerCpu is { } cpu && Requests > 0 ? cpu.TotalMicroseconds / Requests : null;

    public int SocketsPeak { get; private set; }

    private long retried;
    private long gaveUp;

    /// <summary>Failed attempts that were sent again (only when the preset expects the servers to restart).</summary>
    public long Retried => Interlocked.Read(ref retried);

    /// <summary>Requests that still failed after their retries: not acknowledged, whatever they were for.</summary>
    public long GaveUp => Interlocked.Read(ref gaveUp);

    public long Requests => endpoints.Values.Sum(e => e.Histogram.TotalCount);

    public long ErrorCount => Errors.Values.Sum();

    public double RequestsPerSecond => Requests / Math.Max(1, Elapsed.TotalSeconds);

    public (string Endpoint, double Ms) WorstP95 => endpoints
        .Select(e => (e.Key, e.Value.Histogram.ValueAt(95) / 1000.0))
        .DefaultIfEmpty(("none", 0))
        .MaxBy(e => e.Item2);

    public static LongConcurrentHistogram NewHistogram() => new(1, HighestMicroseconds, 3);

    public static long Micros(TimeSpan latency) => Math.Clamp((long)latency.TotalMicroseconds, 1, HighestMicroseconds);

    /// <summary>Held when there was load, nothing failed and every endpoint's p95 stayed under the limit.</summary>
    public string? Broke(double p95LimitMs) =>
        Requests == 0 ? "no requests completed"
        : ErrorCount > 0 ? $"{ErrorCount} errors"
        : WorstP95.Ms >= p95LimitMs ? $"p95 {WorstP95.Ms:F1} ms on {WorstP95.Endpoint}"
        : null;

    /// <summary>One answer (or none: <paramref name="status"/> 0, with why in <paramref name="noAnswer"/> when known).</summary>
    public void Record(string endpoint, TimeSpan latency, int status, string? noAnswer = null)
    {
        var stats = endpoints.GetOrAdd(endpoint, _ => new EndpointStats());
        stats.Histogram.RecordValue(Micros(latency));
        if (status is < 200 or >= 300)
        {
            Interlocked.Increment(ref stats.ErrorCount);
            var what = status != 0 ? status.ToString(System.Globalization.CultureInfo.InvariantCulture) : noAnswer is null ? "exception" : $"no answer ({noAnswer})";
            Errors.AddOrUpdate($"{endpoint} {what}", 1, (_, n) => n + 1);
        }
    }

    public void Retrying() => Interlocked.Increment(ref retried);

    public void GaveUpOn(string endpoint)
    {
        Interlocked.Increment(ref gaveUp);
        RecordError($"{endpoint} given up after retries");
    }

    public void RecordDelivery(TimeSpan latency) => Delivery.RecordValue(Micros(latency));

    public void RecordError(string what) => Errors.AddOrUpdate(what, 1, (_, n) => n + 1);

    public void ObserveSockets(int sockets) => SocketsPeak = Math.Max(SocketsPeak, sockets);

    /// <summary>Adds another generator process's figures of this phase (<see cref="GeneratorProcesses"/>); its sockets add to the peak.</summary>
    public void Add(PhaseFigures theirs)
    {
        foreach (var (endpoint, pairs) in theirs.Endpoints)
        {
            var stats = endpoints.GetOrAdd(endpoint, _ => new EndpointStats());
            foreach (var pair in pairs)
            {
                stats.Histogram.RecordValueWithCount(pair[0], pair[1]);
            }

            Interlocked.Add(ref stats.ErrorCount, theirs.EndpointErrors.GetValueOrDefault(endpoint));
        }

        foreach (var pair in theirs.Delivery)
        {
            Delivery.RecordValueWithCount(pair[0], pair[1]);
        }

        foreach (var (what, count) in theirs.Errors)
        {
            Errors.AddOrUpdate(what, count, (_, n) => n + count);
        }

        SocketsPeak += theirs.SocketsPeak;
    }

    public sealed class EndpointStats
    {
#pragma warning disable CA1051 // updated with Interlocked
        public long ErrorCount;
#pragma warning restore CA1051

        public LongConcurrentHistogram Histogram { get; } = NewHistogram();
    }
}

/// <summary>Latency of every request per second of the whole run, with the users active then: the chart's data.</summary>
public sealed class LoadTimeline
{
    private readonly ConcurrentDictionary<long, LongConcurrentHistogram> perSecond = new();
    private readonly ConcurrentDictionary<long, int> users = new();
    private readonly System.Diagnostics.Stopwatch clock = System.Diagnostics.Stopwatch.StartNew();
    private readonly List<(long Second, string Phase)> phaseStarts = [];

    public IEnumerable<(long Second, LongConcurrentHistogram Histogram, int Users)> Seconds =>
        perSecond.OrderBy(p => p.Key).Select(p => (p.Key, p.Value, users.GetValueOrDefault(p.Key)));

    public IReadOnlyList<(long Second, string Phase)> PhaseStarts => phaseStarts;

    private long Now => (long)clock.Elapsed.TotalSeconds;

    public void Record(TimeSpan latency) =>
        perSecond.GetOrAdd(Now, _ => LoadMetrics.NewHistogram()).RecordValue(LoadMetrics.Micros(latency));

    public void ObserveUsers(int count) => users[Now] = count;

    public void PhaseStarted(string phase) => phaseStarts.Add((Now, phase));
}

public static class HistogramExtensions
{
    /// <summary>HdrHistogram throws for a percentile of an empty histogram (a phase in which no result was drawn, say): that reads as 0.</summary>
    public static long ValueAt(this HistogramBase histogram, double percentile) =>
        histogram.TotalCount == 0 ? 0 : histogram.GetValueAtPercentile(percentile);
}
