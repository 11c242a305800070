using GameServer.Grains.Journal;
using GameServer.Wallet;

namespace GameServer.Grains.Wallet;

/// <summary>
/// One account's ledger as its wallet sees it: the balance of the newest entry, and changes applied
/// exactly once. A change whose operation id is already in the ledger gets the entry written then
/// (or a conflict when it asked something else); a new one is checked against the current balance
/// and appended, through group commit, before the balance moves. Not thread-safe: a wallet grain's
/// single-threaded turns are what keep a check and the write that depends on it together.
/// </summary>
/// <param name="reloaded">
/// Called when another writer was seen and the balance was read again, before the change is checked
/// again: whatever the caller derived from earlier entries must be read again too, whether or not the
/// change then goes through.
/// </param>
internal sealed class AccountLedger(long accountId, GroupCommitJournal journal, ILedger ledger, int operationsRemembered, Func<Task> reloaded)
{
    private readonly Dictionary<string, LedgerEntry> recent = new(StringComparer.Ordinal);

    /// <summary>The balance after the newest entry (available, held, its seq).</summary>
    public Balance Balance { get; private set; } = new(Money.Zero, Money.Zero, 0);

    /// <summary>Reads the balance from the newest entry and forgets what was remembered.</summary>
    public async Task LoadAsync()
    {
        var latest = await ledger.GetLatestAsync(accountId);
        Balance = new Balance(latest?.BalanceAfter ?? Money.Zero, latest?.HeldAfter ?? Money.Zero, latest?.Seq ?? 0);
        recent.Clear();
    }

    /// <summary>The entry of <paramref name="operationId"/> if this activation remembers it; never a database read.</summary>
    public LedgerEntry? Remembered(string operationId) => recent.GetValueOrDefault(operationId);

    /// <summary>The entry written under <paramref name="operationId"/>, if there is one.</summary>
    public async Task<LedgerEntry?> FindAsync(string operationId) =>
        recent.GetValueOrDefault(operationId) ?? Remember(await ledger.FindOperationAsync(accountId, operationId));

    /// <summary>
    /// Applies <paramref name="change"/> once, stamped <paramref name="now"/>. <paramref name="refusal"/>
    /// looks at the balance before the change and says why it may not happen (a conflict), or null.
    /// A change already applied answers with its first entry and <c>Appended</c> false; when another
    /// activation of the account wrote meanwhile, the ledger is read again and the check runs again.
    /// </summary>
    /// <exception cref="GameServerException">Conflict: refused, or the operation id was used for another request.</exception>
    public async Task<Applied> ApplyAsync(LedgerChange change, DateTimeOffset now, Func<Balance, string?>? refusal = null)
    {
        if (recent.TryGetValue(change.OperationId, out var remembered))
        {
            return new Applied(Repeat(remembered, change), Appended: false);
        }

        for (var attempt = 0; attempt < 2; attempt++)
        {
            if (refusal?.Invoke(Balance) is { } problem)
            {
                // A retry of an operation that went through earlier must get its first answer, not a refusal.
                return await FindAsync(change.OperationId) is { } earlier
                    ? new Applied(Repeat(earlier, change), Appended: false)
                    : throw GameServerException.Conflict(problem);
            }

            var entry = change.EntryAfter(accountId, Balance, now);
            var result = await journal.AppendAsync(change.ToAppend(entry));
            switch (result.Outcome)
            {
                case AppendOutcome.Appended:
                    Balance = new Balance(entry.BalanceAfter, entry.HeldAfter, entry.Seq);
                    return new Applied(Remember(entry)!, Appended: true);
                case AppendOutcome.DuplicateOperation:
                    return new Applied(Repeat(Remember(result.Existing)!, change), Appended: false);
                case AppendOutcome.SeqConflict:
                    // Another activation of this account wrote meanwhile (a silo failure can briefly leave two).
                    await LoadAsync();
                    await reloaded();
                    break;
            }
        }

        throw new InvalidOperationException($"Account {accountId}: the ledger kept changing underneath; operation {change.OperationId} was not applied.");
    }

    /// <summary>The earlier entry when it answers this very request; a conflict when the id was used for another.</summary>
    public static LedgerEntry Repeat(LedgerEntry earlier, LedgerChange change) =>
        change.IsAnsweredBy(earlier)
            ? earlier
            : throw GameServerException.Conflict("This operation id was already used for a different request.");

    private LedgerEntry? Remember(LedgerEntry? entry)
    {
        if (entry is null)
        {
            return null;
        }

        if (recent.Count >= operationsRemembered)
        {
            recent.Clear();
        }

        recent[entry.OperationId] = entry;
        return entry;
    }
}
