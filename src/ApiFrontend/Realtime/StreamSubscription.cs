using Orleans.Streams;

namespace GameServer.ApiFrontend.Realtime;

/// <summary>
/// One client-side subscription that can be checked and mended: a client subscription is lost when
/// the silos behind its stream restart, so a watchdog asks the cluster for the stream's handles and
/// subscribes again (or resumes an orphaned handle) when ours is gone.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "A SemaphoreSlim whose wait handle is never read holds nothing to dispose.")]
internal sealed class StreamSubscription<T>(IAsyncStream<T> stream, Func<T, Task> onNext)
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private StreamSubscriptionHandle<T>? handle;

    public async Task EnsureAsync()
    {
        await gate.WaitAsync();
        try
        {
            var handles = await stream.GetAllSubscriptionHandles();
            var ours = handles.FirstOrDefault(h => handle is not null && h.HandleId == handle.HandleId);
            if (ours is not null && handles.Count == 1)
            {
                return;
            }

            if (handles.Count == 0)
            {
                handle = await stream.SubscribeAsync((item, _) => onNext(item));
                return;
            }

            // Keep exactly one: resume the first (re-attaching this observer) and drop any others.
            handle = await handles[0].ResumeAsync((item, _) => onNext(item));
            foreach (var extra in handles.Skip(1))
            {
                await extra.UnsubscribeAsync();
            }
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task UnsubscribeAsync()
    {
        await gate.WaitAsync();
        try
        {
            foreach (var existing in await stream.GetAllSubscriptionHandles())
            {
                await existing.UnsubscribeAsync();
            }

            handle = null;
        }
        finally
        {
            gate.Release();
        }
    }
}
