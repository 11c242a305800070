using CsCheck;
using GameServer.Testing;
using GameServer.Wallet;

namespace GameServer.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class WalletPropertyTests(GameClusterFixture fixture)
{
    private static long nextWallet = 60_000_000;

    private enum Kind { Deposit, Withdraw, Pay, Release, Credit, Debit, Bonus, Repeat }

    private sealed record Step(Kind Kind, long Amount, int Pick);

    private static readonly Gen<Step> StepGen =
        Gen.Select(Gen.Enum<Kind>(), Gen.Long[1, 5_000_00], Gen.Int[0, 1000], (kind, amount, pick) => new Step(kind, amount, pick));

    [Fact]
    public void Random_operation_sequences_keep_the_balance_equal_to_the_sum_of_entries_and_never_negative()
    {
        StepGen.Array[1, 40].Sample(steps => RunAsync(steps).GetAwaiter().GetResult(), iter: 40, threads: 1);
    }

    private async Task RunAsync(Step[] steps)
    {
        var accountId = Interlocked.Increment(ref nextWallet);
        var wallet = fixture.Client.GetGrain<IWalletGrain>(accountId);
        var holds = new List<(string Id, Money Amount)>();
        var operations = new List<Func<Task>>();

        for (var i = 0; i < steps.Length; i++)
        {
            var (kind, amount, pick) = (steps[i].Kind, new Money(steps[i].Amount), steps[i].Pick);
            try
            {
                switch (kind)
                {
                    case Kind.Deposit:
                        await Remember(operations, () => wallet.CreditDeposit($"o{i}", amount, "test"));
                        break;
                    case Kind.Withdraw:
                        await wallet.RequestWithdrawal($"w{accountId}-{i}", amount, await fixture.Client.TestPayoutMethod(wallet));
                        holds.Add(($"w{accountId}-{i}", amount));
                        break;
                    case Kind.Pay or Kind.Release when holds.Count > 0:
                        var hold = holds[pick % holds.Count];
                        holds.Remove(hold);
                        await wallet.SettleWithdrawal(hold.Id, kind == Kind.Pay, adminId: 1);
                        break;
                    case Kind.Credit:
                        await wallet.AdminAdjust($"c{i}", amount, "property test", 1);
                        break;
                    case Kind.Debit:
                        await wallet.AdminAdjust($"d{i}", -amount, "property test", 1);
                        break;
                    case Kind.Bonus:
                        await wallet.CreditBonus($"b{i}", LedgerEntryType.AttendanceBonus, amount, "property test");
                        break;
                    case Kind.Repeat when operations.Count > 0:
                        await operations[pick % operations.Count]();
                        break;
                }
            }
            catch (GameServerException refused) when (refused.Kind == ErrorKind.Conflict)
            {
                // Refused for want of funds: nothing may have changed, which the checks below verify.
            }

            await AssertConsistent(accountId, wallet);
        }
    }

    private static async Task Remember(List<Func<Task>> operations, Func<Task<LedgerEntry>> operation)
    {
        await operation();
        operations.Add(operation);
    }

    private async Task AssertConsistent(long accountId, IWalletGrain wallet)
    {
        var balance = await wallet.GetBalance();
        var entries = (await fixture.Ledger.ReadPageAsync(accountId, 1, 1000)).Entries;
        var sumOfAmounts = entries.Aggregate(Money.Zero, (sum, entry) => sum + entry.Amount);
        var sumOfHeld = entries.Aggregate(Money.Zero, (sum, entry) => sum + entry.HeldChange);

        Assert.Equal(sumOfAmounts, balance.Available);
        Assert.Equal(sumOfHeld, balance.Held);
        Assert.True(balance.Available >= Money.Zero && balance.Held >= Money.Zero);
        Assert.Equal(entries.Count, balance.LastSeq);
    }
}
