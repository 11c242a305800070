using System.Collections.Concurrent;
using System.Diagnostics;
using HdrHistogram;

namespace GameServer.LoadTest;

/// <summary>Latencies per endpoint (HdrHistogram, microseconds), errors by status and a per-second timeline.</summary>
public sealed class LoadMetrics
{
    private const long HighestMicroseconds = 60_000_000;

    private readonly ConcurrentDictionary<string, EndpointStats> endpoints = new();
    private readonly ConcurrentDictionary<long, LongConcurrentHistogram> perSecond = new();
    private readonly ConcurrentDictionary<long, int> errorsPerSecond = new();
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private long measuringFrom = long.MaxValue;

    public LongConcurrentHistogram Delivery { get; } = new(1, HighestMicroseconds, 3);

    public ConcurrentDictionary<string, int> Errors { get; } = new();

    public bool Measuring => clock.ElapsedTicks >= measuringFrom;

    public TimeSpan Elapsed => clock.Elapsed;

    public IReadOnlyDictionary<string, EndpointStats> Endpoints => endpoints;

    public IEnumerable<(long Second, LongConcurrentHistogram Histogram, int Errors)> Timeline =>
        perSecond.OrderBy(p => p.Key).Select(p => (p.Key, p.Value, errorsPerSecond.GetValueOrDefault(p.Key)));

    public void StartMeasuring() => measuringFrom = clock.ElapsedTicks;

    public void Record(string endpoint, TimeSpan latency, int status)
    {
        if (!Measuring)
        {
            return;
        }

        var micros = Math.Clamp((long)latency.TotalMicroseconds, 1, HighestMicroseconds);
        var stats = endpoints.GetOrAdd(endpoint, _ => new EndpointStats());
        stats.Histogram.RecordValue(micros);
        var second = (long)clock.Elapsed.TotalSeconds;
        perSecond.GetOrAdd(second, _ => new LongConcurrentHistogram(1, HighestMicroseconds, 3)).RecordValue(micros);
        if (status is < 200 or >= 300)
        {
            Interlocked.Increment(ref stats.ErrorCount);
            Errors.AddOrUpdate($"{endpoint} {(status == 0 ? "exception" : status.ToString(System.Globalization.CultureInfo.InvariantCulture))}", 1, (_, n) => n + 1);
            errorsPerSecond.AddOrUpdate(second, 1, (_, n) => n + 1);
        }
    }

    public void RecordDelivery(TimeSpan latency)
    {
        if (Measuring)
        {
            Delivery.RecordValue(Math.Clamp((long)latency.TotalMicroseconds, 1, HighestMicroseconds));
        }
    }

    public void RecordError(string what)
    {
        if (Measuring)
        {
            Errors.AddOrUpdate(what, 1, (_, n) => n + 1);
        }
    }

    public sealed class EndpointStats
    {
#pragma warning disable CA1051 // updated with Interlocked
        public long ErrorCount;
#pragma warning restore CA1051

        public LongConcurrentHistogram Histogram { get; } = new(1, HighestMicroseconds, 3);
    }
}
