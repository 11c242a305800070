using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Orleans.Diagnostics;

namespace GameServer.Hosting;

/// <summary>
/// Carries a request's trace id through grain calls when no trace exporter listens. Orleans passes the
/// trace on only for a call it made an activity for, and it makes one only when something listens to
/// its activity source; without this listener a silo's log lines would not carry the trace id of the
/// frontend request they serve.
/// </summary>
/// <remarks>
/// It asks for propagation data only (ids, no timing, no tags) and only for a call made inside a trace,
/// such as a frontend request and the calls it leads to: the calls of timers, reminders and other
/// background work start no trace and cost nothing more than before. With OTLP export on, the
/// OpenTelemetry tracer listens instead and this is not registered.
/// </remarks>
internal sealed class GrainCallTracePropagation : IHostedLifecycleService, IDisposable
{
    private readonly ActivityListener listener = new()
    {
        ShouldListenTo = source => source.Name == ActivitySources.ApplicationGrainActivitySourceName,
        Sample = (ref ActivityCreationOptions<ActivityContext> options) =>
            options.Parent.TraceId == default ? ActivitySamplingResult.None : ActivitySamplingResult.PropagationData,
    };

    // Before any hosted service starts: a silo takes calls as soon as its own start has run.
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        ActivitySource.AddActivityListener(listener);
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        listener.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => listener.Dispose();
}
