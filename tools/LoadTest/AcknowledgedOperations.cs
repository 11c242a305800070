using System.Collections.Concurrent;
using System.Text.Json;

namespace GameServer.LoadTest;

/// <summary>
/// Every money operation the servers acknowledged with a 2xx during a run, by the ledger entry it promises
/// (SPEC §1: the stake of a bet is <c>bet:{bet_id}</c>, a paid deposit <c>deposit:{order_id}</c>, a withdrawal's
/// hold <c>withdrawal:{withdrawal_id}</c>). After the run each account's ledger is read back: an acknowledged
/// operation without its entry is lost, whatever restarts or failures happened meanwhile.
/// </summary>
public sealed class AcknowledgedOperations
{
    private const int PageSize = 100;

    private readonly ConcurrentDictionary<long, (string Token, ConcurrentBag<string> OperationIds)> byAccount = new();

    /// <summary>How many operations were acknowledged.</summary>
    public int Count => byAccount.Values.Sum(account => account.OperationIds.Count);

    /// <summary>A bet's acknowledgement (<c>data.bet_id</c>).</summary>
    public void Bet(long userId, string token, JsonElement? acknowledged) => Add(userId, token, acknowledged, "bet_id", "bet:");

    /// <summary>A withdrawal request's acknowledgement (<c>data.withdrawal_id</c>): its hold is in the ledger.</summary>
    public void Withdrawal(long userId, string token, JsonElement? acknowledged) => Add(userId, token, acknowledged, "withdrawal_id", "withdrawal:");

    /// <summary>A deposit order acknowledged as paid (the gateway's callback answered 2xx, or the order came back paid).</summary>
    public void PaidDeposit(long userId, string token, JsonElement? acknowledged) => Add(userId, token, acknowledged, "order_id", "deposit:");

    private void Add(long userId, string token, JsonElement? acknowledged, string idField, string prefix)
    {
        if (acknowledged is { } body && body.TryGetProperty("data", out var data) && data.TryGetProperty(idField, out var id) && id.GetString() is { } value)
        {
            byAccount.GetOrAdd(userId, _ => (token, [])).OperationIds.Add(prefix + value);
        }
    }

    /// <summary>
    /// Reads every account's ledger back (as its player, through <paramref name="read"/>, which retries as the
    /// run does) and finds the acknowledged operations missing from it; an account whose ledger cannot be
    /// read at all is reported too, and fails the check as well.
    /// </summary>
    public async Task<LedgerCheck> VerifyAsync(Func<string, string, Task<JsonElement?>> read)
    {
        var missing = new ConcurrentBag<string>();
        var unreadable = new ConcurrentBag<long>();
        await Parallel.ForEachAsync(byAccount, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (account, _) =>
        {
            var expected = account.Value.OperationIds.ToHashSet(StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var page = 1; expected.Except(seen).Any(); page++)
            {
                var body = await read(account.Value.Token, $"/api/wallet/transactions?page={page}&limit={PageSize}");
                if (body is not { } ledger)
                {
                    unreadable.Add(account.Key);
                    return;
                }

                var items = ledger.GetProperty("data").GetProperty("items");
                foreach (var entry in items.EnumerateArray())
                {
                    seen.Add(entry.GetProperty("operation_id").GetString() ?? "");
                }

                if (items.GetArrayLength() < PageSize)
                {
                    break;
                }
            }

            foreach (var lost in expected.Except(seen))
            {
                missing.Add($"{account.Key}/{lost}");
            }
        });

        return new LedgerCheck(Count, missing.Order(StringComparer.Ordinal).ToList(), unreadable.Order().ToList());
    }
}

/// <summary>The read-back of the acknowledged operations: how many, which are missing from their ledgers, whose ledger could not be read.</summary>
public sealed record LedgerCheck(int Acknowledged, IReadOnlyList<string> Lost, IReadOnlyList<long> UnreadableAccounts)
{
    /// <summary>Every acknowledged operation was found in its ledger.</summary>
    public bool Passed => Lost.Count == 0 && UnreadableAccounts.Count == 0;
}
