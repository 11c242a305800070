using GameServer.Games;
using GameServer.Grains.Journal;
using GameServer.Grains.Wallet;
using GameServer.Wallet;
using Microsoft.Extensions.Options;

namespace GameServer.Grains.Tests;

/// <summary>The exactly-once engine of one account (SPEC §1), over the in-memory store and group commit, without a cluster.</summary>
public sealed class AccountLedgerTests : IAsyncDisposable
{
    private const long Account = 42;
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private readonly InMemoryJournalStore store = new();
    private readonly GroupCommitJournal journal;

    public AccountLedgerTests() => journal = new GroupCommitJournal(store, Options.Create(new JournalOptions()));

    public ValueTask DisposeAsync() => journal.DisposeAsync();

    private int reloads;

    private AccountLedger NewLedger() => new(Account, journal, store, operationsRemembered: 16, reloaded: () =>
    {
        Interlocked.Increment(ref reloads);
        return Task.CompletedTask;
    });

    private static LedgerChange Credit(string operationId, long major, string reason = "goodwill") =>
        LedgerChange.AdminAdjustment(Account, operationId, Money.FromMajor(major), reason, adminId: 1, DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task A_new_change_is_appended_as_the_next_entry_and_moves_the_balance()
    {
        var ledger = NewLedger();
        await ledger.LoadAsync();

        var first = await ledger.ApplyAsync(Credit("a", 100), Now);
        var second = await ledger.ApplyAsync(Credit("b", 20), Now);

        Assert.True(first.Appended && second.Appended);
        Assert.Equal([1L, 2L], new[] { first.Entry.Seq, second.Entry.Seq });
        Assert.Equal(new Balance(Money.FromMajor(120), Money.Zero, 2), ledger.Balance);
        Assert.Equal(2, (await store.GetLatestAsync(Account))!.Seq);
    }

    [Fact]
    public async Task A_repeat_gets_the_first_entry_and_appends_nothing_even_from_a_new_activation()
    {
        var ledger = NewLedger();
        await ledger.LoadAsync();
        var first = await ledger.ApplyAsync(Credit("a", 100), Now);

        var repeat = await ledger.ApplyAsync(Credit("a", 100), Now.AddMinutes(1));
        var fresh = NewLedger();
        await fresh.LoadAsync();
        var repeatElsewhere = await fresh.ApplyAsync(Credit("a", 100), Now.AddMinutes(2));

        Assert.False(repeat.Appended || repeatElsewhere.Appended);
        Assert.Equal(first.Entry, repeat.Entry);
        Assert.Equal(first.Entry, repeatElsewhere.Entry);
        Assert.Equal(1, ledger.Balance.LastSeq);
    }

    [Fact]
    public async Task The_same_operation_id_for_another_request_is_a_conflict_that_changes_nothing()
    {
        var ledger = NewLedger();
        await ledger.LoadAsync();
        await ledger.ApplyAsync(Credit("a", 100), Now);

        var otherAmount = await Assert.ThrowsAsync<GameServerException>(() => ledger.ApplyAsync(Credit("a", 101), Now));
        var otherReason = await Assert.ThrowsAsync<GameServerException>(() => ledger.ApplyAsync(Credit("a", 100, "another reason"), Now));

        Assert.Equal(ErrorKind.Conflict, otherAmount.Kind);
        Assert.Equal(ErrorKind.Conflict, otherReason.Kind);
        Assert.Equal(new Balance(Money.FromMajor(100), Money.Zero, 1), ledger.Balance);
    }

    [Fact]
    public async Task A_refused_change_is_a_conflict_with_the_reason_and_writes_nothing()
    {
        var ledger = NewLedger();
        await ledger.LoadAsync();

        var refused = await Assert.ThrowsAsync<GameServerException>(() =>
            ledger.ApplyAsync(Credit("a", 100), Now, balance => $"not with {balance.Available}"));

        Assert.Equal(ErrorKind.Conflict, refused.Kind);
        Assert.Equal("not with 0.00", refused.Message);
        Assert.Null(await store.GetLatestAsync(Account));
    }

    [Fact]
    public async Task A_retry_refused_now_still_gets_the_answer_it_had_the_first_time()
    {
        var ledger = NewLedger();
        await ledger.LoadAsync();
        var bet = new BetRecord("bet-1", Account, new GameKey(GameId.Wingo, 60), "20261130020001", new BetSelection(BetType.Color, "green"), Money.FromMajor(10), Now);
        await ledger.ApplyAsync(Credit("fund", 10), Now);
        var staked = await ledger.ApplyAsync(LedgerChange.Stake(bet), Now);

        var fresh = NewLedger();
        await fresh.LoadAsync();
        var retry = await fresh.ApplyAsync(LedgerChange.Stake(bet), Now, balance => balance.Available < bet.Stake ? "poor" : null);

        Assert.False(retry.Appended);
        Assert.Equal(staked.Entry, retry.Entry);
    }

    [Fact]
    public async Task When_another_activation_wrote_meanwhile_the_ledger_is_read_again_and_the_change_goes_after_it()
    {
        var stale = NewLedger();
        await stale.LoadAsync();
        var other = NewLedger();
        await other.LoadAsync();
        await other.ApplyAsync(Credit("elsewhere", 50), Now);

        var applied = await stale.ApplyAsync(Credit("here", 10), Now);

        Assert.True(applied.Appended);
        Assert.Equal(2, applied.Entry.Seq);
        Assert.Equal(Money.FromMajor(60), applied.Entry.BalanceAfter);
        Assert.Equal(1, reloads);
    }

    [Fact]
    public async Task A_change_refused_after_the_ledger_was_read_again_still_tells_the_caller_to_read_its_tallies_again()
    {
        var stale = NewLedger();
        await stale.LoadAsync();
        var other = NewLedger();
        await other.LoadAsync();
        await other.ApplyAsync(Credit("elsewhere", 50), Now);

        var refused = await Assert.ThrowsAsync<GameServerException>(() =>
            stale.ApplyAsync(Credit("here", 10), Now, balance => balance.Available > Money.Zero ? "refused on the fresh balance" : null));

        Assert.Equal("refused on the fresh balance", refused.Message);
        Assert.Equal(1, reloads);
        Assert.Equal(new Balance(Money.FromMajor(50), Money.Zero, 1), stale.Balance);
    }

    [Fact]
    public async Task Payout_and_refund_of_one_bet_share_an_operation_id_so_only_the_first_moves_money()
    {
        var ledger = NewLedger();
        await ledger.LoadAsync();
        var bet = new BetRecord("bet-2", Account, new GameKey(GameId.Wingo, 60), "20261130020002", new BetSelection(BetType.Color, "red"), Money.FromMajor(10), Now);

        await ledger.ApplyAsync(LedgerChange.Refund(bet), Now);
        var payout = await Assert.ThrowsAsync<GameServerException>(() => ledger.ApplyAsync(LedgerChange.Payout(bet.BetId, Money.FromMajor(19), bet.PeriodId), Now));

        Assert.Equal(ErrorKind.Conflict, payout.Kind);
        Assert.Equal(Money.FromMajor(10), ledger.Balance.Available);
    }
}
