using GameServer.Grains.Journal;
using Microsoft.Extensions.Options;

namespace GameServer.Grains.Tests;

/// <summary>The backlog the journal alert watches: entries appended and not yet durable.</summary>
public sealed class JournalBacklogTests
{
    /// <summary>A store whose batches complete (or fail) only when the test says so.</summary>
    private sealed class GatedWriter : IJournalWriter
    {
        public TaskCompletionSource Gate { get; set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource<int> BatchStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<IReadOnlyList<AppendResult>> AppendBatchAsync(IReadOnlyList<JournalAppend> appends, CancellationToken cancellationToken = default)
        {
            BatchStarted.TrySetResult(appends.Count);
            await Gate.Task;
            return appends.Select(_ => AppendResult.Appended).ToList();
        }
    }

    // The writer never looks at the entry: the backlog counts appends, whatever they carry.
    private static JournalAppend AnyAppend() => new(null!);

    [Fact]
    public async Task Appends_waiting_behind_a_slow_batch_are_the_backlog_until_they_are_durable()
    {
        var writer = new GatedWriter();
        await using var journal = new GroupCommitJournal(writer, Options.Create(new JournalOptions()));

        var first = journal.AppendAsync(AnyAppend());
        await writer.BatchStarted.Task;
        var queued = Enumerable.Range(0, 3).Select(_ => journal.AppendAsync(AnyAppend())).ToList();

        Assert.Equal(4, journal.Backlog);

        writer.Gate.SetResult();
        await first;
        await Task.WhenAll(queued);
        Assert.Equal(0, journal.Backlog);
    }

    [Fact]
    public async Task A_failed_batch_leaves_the_backlog_too()
    {
        var writer = new GatedWriter();
        await using var journal = new GroupCommitJournal(writer, Options.Create(new JournalOptions()));

        var append = journal.AppendAsync(AnyAppend());
        await writer.BatchStarted.Task;
        writer.Gate.SetException(new InvalidOperationException("the store is down"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => append);
        Assert.Equal(0, journal.Backlog);
    }
}
