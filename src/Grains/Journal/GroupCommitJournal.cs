using System.ComponentModel.DataAnnotations;
using System.Threading.Channels;
using GameServer.Wallet;
using Microsoft.Extensions.Options;

namespace GameServer.Grains.Journal;

public sealed class JournalOptions
{
    public const string Section = "Journal";

    /// <summary>Most entries one durable write carries.</summary>
    [Range(1, int.MaxValue)]
    public int MaxBatchSize { get; set; } = 1000;
}

/// <summary>
/// What grains write the ledger through. Appends from every grain of the silo are group-committed:
/// whatever is waiting when the store becomes free goes in one batch, and each caller awaits the
/// batch that carried its entry. Under load that is one round trip for many entries; alone, one
/// entry waits for nobody.
/// </summary>
public sealed class GroupCommitJournal : IAsyncDisposable
{
    private readonly IJournalWriter store;
    private readonly int maxBatchSize;
    private readonly Channel<PendingAppend> pending = Channel.CreateUnbounded<PendingAppend>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task writer;
    private long backlog;

    public GroupCommitJournal(IJournalWriter store, IOptions<JournalOptions> options)
    {
        this.store = store;
        maxBatchSize = Math.Max(1, options.Value.MaxBatchSize);
        writer = Task.Run(WriteBatchesAsync);
    }

    /// <summary>Observed by metrics and benchmarks: how many entries the last batches carried.</summary>
    public event Action<int, TimeSpan>? BatchWritten;

    /// <summary>Entries appended and not yet durable or failed: those queued plus the batch being written.</summary>
    public long Backlog => Interlocked.Read(ref backlog);

    /// <summary>Appends an entry (and the records that come with it) in the next batch; completes when that batch is durable.</summary>
    public Task<AppendResult> AppendAsync(JournalAppend entry)
    {
        var append = new PendingAppend(entry);
        // Counted before it is queued: the writer may take it (and count it down) before TryWrite returns.
        Interlocked.Increment(ref backlog);
        GameServerMetrics.JournalBacklog.Add(1);
        if (!pending.Writer.TryWrite(append))
        {
            Interlocked.Decrement(ref backlog);
            GameServerMetrics.JournalBacklog.Add(-1);
            throw new InvalidOperationException("The journal is shutting down.");
        }

        return append.Completion.Task;
    }

    public async ValueTask DisposeAsync()
    {
        pending.Writer.TryComplete();
        await writer;
    }

    private async Task WriteBatchesAsync()
    {
        var batch = new List<PendingAppend>(maxBatchSize);
        while (await pending.Reader.WaitToReadAsync())
        {
            while (batch.Count < maxBatchSize && pending.Reader.TryRead(out var append))
            {
                batch.Add(append);
            }

            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            try
            {
                IReadOnlyList<AppendResult> results;
                try
                {
                    results = await store.AppendBatchAsync(batch.Select(append => append.Entry).ToList());
                }
                finally
                {
                    // Durable or failed, the batch no longer waits: counted down before its callers hear of it.
                    Interlocked.Add(ref backlog, -batch.Count);
                    GameServerMetrics.JournalBacklog.Add(-batch.Count);
                }

                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Completion.TrySetResult(results[i]);
                }

                var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
                GameServerMetrics.JournalBatchSize.Record(batch.Count);
                GameServerMetrics.JournalBatchDuration.Record(elapsed.TotalMilliseconds);
                BatchWritten?.Invoke(batch.Count, elapsed);
            }
            catch (Exception exception)
            {
                foreach (var append in batch)
                {
                    append.Completion.TrySetException(exception);
                }
            }

            batch.Clear();
        }
    }

    private sealed class PendingAppend(JournalAppend append)
    {
        public JournalAppend Entry { get; } = append;
        public TaskCompletionSource<AppendResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
