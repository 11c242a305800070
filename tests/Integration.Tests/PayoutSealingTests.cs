using System.Globalization;
using System.Text;
using GameServer.Grains.Journal;
using GameServer.Grains.Wallet;
using GameServer.Testing;
using GameServer.Wallet;
using Microsoft.Extensions.Logging.Abstractions;

namespace GameServer.Integration.Tests;

/// <summary>
/// Payout destinations at rest on MariaDB, through Production silo processes: neither the grain state of saved
/// methods nor the <c>withdrawals</c> rows hold an account number, a holder's name or a UPI id in the clear,
/// while finance still reads them in full; rows written in the clear before migration 0015 still read, and are sealed.
/// </summary>
[Collection(ProductionSiloCollection.Name)]
public sealed class PayoutSealingTests : IAsyncLifetime
{
    private readonly ProcessCluster cluster = new(MariaDb.ConnectionString, siloCount: 1);

    public Task InitializeAsync() => cluster.StartConnectedAsync();

    public async Task DisposeAsync() => await cluster.DisposeAsync();

    [Fact]
    public async Task Saved_methods_and_withdrawals_hold_no_destination_in_the_clear_and_finance_still_reads_them_in_full()
    {
        var userId = Random.Shared.NextInt64(10_000_000_000, 90_000_000_000);
        var accountNumber = Random.Shared.NextInt64(100_000_000_000, 999_999_999_999).ToString(CultureInfo.InvariantCulture);
        var holder = $"Sealed Holder {Letters(8)}";
        var vpa = $"sealed.{Letters(10).ToLowerInvariant()}@okaxis";
        var bank = PayoutDestination.Create(PayoutKind.Bank, holderName: holder, accountNumber: accountNumber, ifsc: "HDFC0001234");
        var upi = PayoutDestination.Create(PayoutKind.Upi, vpa: vpa);
        var wallet = cluster.Client.GetGrain<IWalletGrain>(userId);
        var methods = cluster.Client.GetGrain<IPayoutMethodsGrain>(userId);
        await wallet.CreditDeposit($"seal-{userId}", Money.FromMajor(500), "test");

        var bankMethod = await methods.Add(bank);
        var upiMethod = await methods.Add(upi);
        var toBank = $"w-seal-{Guid.NewGuid():N}";
        var toUpi = $"w-seal-{Guid.NewGuid():N}";
        await wallet.RequestWithdrawal(toBank, Money.FromMajor(100), bankMethod.MethodId);
        await wallet.RequestWithdrawal(toUpi, Money.FromMajor(50), upiMethod.MethodId);

        var secrets = new[] { accountNumber, holder, vpa };
        var withdrawalRows = await RawRows("SELECT CONCAT_WS('|', withdrawal_id, payout_kind, payout_destination), payout_sealed FROM withdrawals WHERE user_id = @u", userId);
        var stateRows = await RawRows("SELECT CONCAT_WS('|', GrainTypeString, GrainIdExtensionString, PayloadJson, PayloadXml), PayloadBinary FROM OrleansStorage WHERE ServiceId = @s",
            cluster.ClusterId);
        var listed = (await cluster.Client.GetGrain<IWithdrawalDeskGrain>(0).List(new WithdrawalQuery(null, userId, 1, 10))).Items;

        Assert.Equal(2, withdrawalRows.Count);
        Assert.Contains(stateRows, row => row.Contains(bankMethod.MethodId, StringComparison.Ordinal));
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(withdrawalRows, row => row.Contains(secret, StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(stateRows, row => row.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }

        Assert.Equal([(toUpi, upi), (toBank, bank)], listed.Select(withdrawal => (withdrawal.WithdrawalId, withdrawal.Destination!)));
        Assert.Equal(accountNumber, listed[1].Destination!.AccountNumber);
        Assert.Equal([bankMethod, upiMethod], await methods.List());
    }

    [Fact]
    public async Task A_withdrawal_written_in_the_clear_before_sealing_still_reads_and_is_sealed_by_the_resealing_without_changing()
    {
        var userId = Random.Shared.NextInt64(10_000_000_000, 90_000_000_000);
        var withdrawalId = $"w-plain-{Guid.NewGuid():N}";
        var accountNumber = Random.Shared.NextInt64(100_000_000_000, 999_999_999_999).ToString(CultureInfo.InvariantCulture);
        var bank = PayoutDestination.Create(PayoutKind.Bank, holderName: "Old Plain Row", accountNumber: accountNumber, ifsc: "SBIN0005678");
        await using var dataSource = MariaDb.DataSource();
        await using (var connection = await dataSource.OpenConnectionAsync())
        await using (var insert = new MySqlConnector.MySqlCommand(
            "INSERT INTO withdrawals (withdrawal_id, user_id, amount, requested_at, payout_method_id, payout_kind, payout_destination) VALUES (@id, @u, 1000, UTC_TIMESTAMP(6), 'pm_0000000000000001', 'bank', @d)",
            connection))
        {
            // As migration 0014's code wrote it.
            insert.Parameters.AddWithValue("@id", withdrawalId);
            insert.Parameters.AddWithValue("@u", userId);
            insert.Parameters.AddWithValue("@d", $"{{\"holder_name\":\"Old Plain Row\",\"account_number\":\"{accountNumber}\",\"ifsc\":\"SBIN0005678\"}}");
            await insert.ExecuteNonQueryAsync();
        }

        var sealer = MariaDb.PayoutSealer;
        var store = new MySqlJournalStore(dataSource, new SeedSecretSealer(MariaDb.SeedSecretKey), sealer);
        var beforeResealing = await store.ReadWithdrawalAsync(withdrawalId);
        await new WithdrawalDestinationResealing(dataSource, sealer, NullLogger<WithdrawalDestinationResealing>.Instance).ResealAsync();
        var again = await new WithdrawalDestinationResealing(dataSource, sealer, NullLogger<WithdrawalDestinationResealing>.Instance).ResealAsync();
        var afterResealing = await store.ReadWithdrawalAsync(withdrawalId);
        var fromSilo = (await cluster.Client.GetGrain<IWithdrawalDeskGrain>(0).List(new WithdrawalQuery(null, userId, 1, 10))).Items.Single();
        var raw = await RawRows("SELECT CONCAT_WS('|', withdrawal_id, payout_kind, payout_destination), payout_sealed FROM withdrawals WHERE user_id = @u", userId);

        Assert.Equal(bank, beforeResealing!.Destination);
        Assert.Equal(bank, afterResealing!.Destination);
        Assert.Equal(bank, fromSilo.Destination);
        Assert.Equal(0, again.Resealed);
        Assert.DoesNotContain(raw, row => row.Contains(accountNumber, StringComparison.Ordinal) || row.Contains("Old Plain Row", StringComparison.Ordinal));
        Assert.Equal(1, await MariaDb.ScalarAsync<int>("SELECT COUNT(*) FROM withdrawals WHERE withdrawal_id = @id AND payout_destination IS NULL AND payout_sealed IS NOT NULL", ("@id", withdrawalId)));
    }

    [Fact]
    public async Task A_withdrawal_row_whose_sealed_destination_was_moved_from_another_row_is_refused_unavailable_and_pays_nothing()
    {
        var userId = Random.Shared.NextInt64(10_000_000_000, 90_000_000_000);
        var wallet = cluster.Client.GetGrain<IWalletGrain>(userId);
        var methods = cluster.Client.GetGrain<IPayoutMethodsGrain>(userId);
        await wallet.CreditDeposit($"seal-moved-{userId}", Money.FromMajor(100), "test");
        var method = await methods.Add(PayoutDestination.Create(PayoutKind.Upi, vpa: $"moved.{Letters(8).ToLowerInvariant()}@okicici"));
        var victim = $"w-moved-a-{Guid.NewGuid():N}";
        var attacker = $"w-moved-b-{Guid.NewGuid():N}";
        await wallet.RequestWithdrawal(victim, Money.FromMajor(10), method.MethodId);
        await wallet.RequestWithdrawal(attacker, Money.FromMajor(10), method.MethodId);
        await using (var dataSource = MariaDb.DataSource())
        await using (var connection = await dataSource.OpenConnectionAsync())
        await using (var move = new MySqlConnector.MySqlCommand(
            "UPDATE withdrawals AS b JOIN withdrawals AS a ON a.withdrawal_id = @a SET b.payout_sealed = a.payout_sealed WHERE b.withdrawal_id = @b", connection))
        {
            move.Parameters.AddWithValue("@a", victim);
            move.Parameters.AddWithValue("@b", attacker);
            await move.ExecuteNonQueryAsync();
        }

        var desk = cluster.Client.GetGrain<IWithdrawalDeskGrain>(0);
        var list = await Assert.ThrowsAsync<GameServerException>(() => desk.List(new WithdrawalQuery(null, userId, 1, 10)));
        var pay = await Assert.ThrowsAsync<GameServerException>(() => desk.Decide(attacker, approve: true, adminId: 1));

        Assert.Equal((ErrorKind.OutOfService, PayoutSealer.ProblemReason), (list.Kind, list.Extensions!["reason"]));
        Assert.Equal((ErrorKind.OutOfService, PayoutSealer.ProblemReason), (pay.Kind, pay.Extensions!["reason"]));
        var balance = await wallet.GetBalance();
        Assert.Equal((Money.FromMajor(80), Money.FromMajor(20)), (balance.Available, balance.Held));
    }

    /// <summary>Each row's text columns and its binary column as Latin-1 text, so a value in either, in any encoding of ASCII, is found.</summary>
    private static async Task<List<string>> RawRows(string sql, object parameter)
    {
        await using var dataSource = MariaDb.DataSource();
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = new MySqlConnector.MySqlCommand(sql, connection);
        command.Parameters.AddWithValue(sql.Contains("@u", StringComparison.Ordinal) ? "@u" : "@s", parameter);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            var text = reader.IsDBNull(0) ? "" : reader.GetString(0);
            var binary = reader.IsDBNull(1) ? [] : (byte[])reader.GetValue(1);
            rows.Add(text + "|" + Encoding.Latin1.GetString(binary) + "|" + Encoding.Unicode.GetString(binary));
        }

        return rows;
    }

    private static string Letters(int count) => string.Concat(Enumerable.Range(0, count).Select(_ => (char)('A' + Random.Shared.Next(26))));
}
