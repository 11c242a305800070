using GameServer.Testing;
using GameServer.Wallet;

namespace GameServer.Grains.Tests;

/// <summary>Its own cluster: this test stops a silo.</summary>
public sealed class ConservationUnderFailureTests : IAsyncLifetime
{
    private readonly GameClusterFixture fixture = new();

    public Task InitializeAsync() => fixture.InitializeAsync();

    public Task DisposeAsync() => fixture.DisposeAsync();

    [Fact]
    public async Task Thousand_random_operations_across_fifty_players_with_a_silo_stopped_midway_conserve_money()
    {
        const int Players = 50;
        const int Operations = 1000;
        var random = new Random(20261127);
        var expected = new long[Players];
        var holds = Enumerable.Range(0, Players).Select(_ => new List<(string Id, long Amount)>()).ToArray();
        var wallets = Enumerable.Range(0, Players).Select(i => fixture.Client.GetGrain<IWalletGrain>(70_000_000 + i)).ToArray();

        for (var op = 0; op < Operations; op++)
        {
            if (op == Operations / 2)
            {
                await fixture.Cluster.StopSiloAsync(fixture.Cluster.Silos[1]);
            }

            var player = random.Next(Players);
            var amount = random.Next(1, 50_000);
            var kind = random.Next(5);
            var id = $"op-{op}";
            var paid = random.Next(2) == 0;
            var applied = await WithRetries(async () =>
            {
                switch (kind)
                {
                    case 0:
                        await wallets[player].CreditDeposit(id, new Money(amount), "test");
                        return (Delta: (long)amount, Hold: 0L);
                    case 1:
                        await wallets[player].RequestWithdrawal(id, new Money(amount), await fixture.Client.TestPayoutMethod(wallets[player]));
                        return (-amount, amount);
                    case 2 when holds[player].Count > 0:
                        var (holdId, held) = holds[player][0];
                        await wallets[player].SettleWithdrawal(holdId, paid, adminId: 1);
                        return (paid ? 0 : held, -held);
                    case 3:
                        await wallets[player].AdminAdjust(id, new Money(-amount), "debit", 1);
                        return (-amount, 0);
                    default:
                        await wallets[player].CreditBonus(id, LedgerEntryType.AttendanceBonus, new Money(amount), "bonus");
                        return (amount, 0);
                }
            });

            if (applied is { } change)
            {
                expected[player] += change.Delta + change.Hold;
                if (kind == 1)
                {
                    holds[player].Add((id, amount));
                }
                else if (kind == 2 && change.Hold != 0)
                {
                    holds[player].RemoveAt(0);
                }
            }
        }

        var report = await fixture.Client.GetGrain<ILedgerAuditGrain>(0).Audit();
        Assert.True(report.Conserved, string.Join("; ", report.Violations));
        for (var player = 0; player < Players; player++)
        {
            var balance = await wallets[player].GetBalance();
            Assert.Equal(expected[player], balance.Available.MinorUnits + balance.Held.MinorUnits);
        }
    }

    /// <summary>Retries a call that failed for the silo going away; the same operation id makes the retry safe.</summary>
    private static async Task<(long Delta, long Hold)?> WithRetries(Func<Task<(long Delta, long Hold)>> operation)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await operation();
            }
            catch (GameServerException refused) when (refused.Kind == ErrorKind.Conflict)
            {
                return null;
            }
            catch (Exception) when (attempt < 10)
            {
                await Task.Delay(200);
            }
        }
    }
}
