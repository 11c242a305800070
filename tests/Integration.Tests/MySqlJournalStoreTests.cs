using GameServer.Games;
using GameServer.Grains.Journal;
using GameServer.Testing;

namespace GameServer.Integration.Tests;

/// <summary>The journal contract on MariaDB, in a database of its own, and what only a database shows.</summary>
public sealed class MySqlJournalStoreTests : JournalStoreContract, IDisposable
{
    private readonly MySqlConnector.MySqlDataSource dataSource = new MySqlConnector.MySqlDataSourceBuilder(MariaDb.ContractConnectionString).Build();

    public MySqlJournalStoreTests() => Store = new MySqlJournalStore(dataSource, new SeedSecretSealer(MariaDb.SeedSecretKey), MariaDb.PayoutSealer);

    protected override IJournalStore Store { get; }

    public void Dispose() => dataSource.Dispose();

    [Fact]
    public async Task A_days_secret_is_stored_sealed_and_a_sealed_secret_moved_to_another_day_does_not_open()
    {
        var game = new GameKey(GameId.Trx, 300);
        var day = new DateOnly(1000, 1, 1).AddDays(Random.Shared.Next(0, 3_000_000));
        var secret = SeedChain.NewSecret();
        await Store.SaveSeedChainAsync(new StoredSeedChain(game, day, secret, "anchor", SeedChain.DayStart(day).AddDays(-2)));

        await using var connection = await dataSource.OpenConnectionAsync();
        await using var read = connection.CreateCommand();
        read.CommandText = "SELECT sealed_secret FROM seed_chains WHERE game = @g AND day = @d";
        read.Parameters.AddWithValue("@g", game.ToString());
        read.Parameters.AddWithValue("@d", day.ToDateTime(TimeOnly.MinValue));
        var sealedSecret = (byte[])(await read.ExecuteScalarAsync())!;
        await using var move = connection.CreateCommand();
        move.CommandText = "UPDATE seed_chains SET day = DATE_ADD(day, INTERVAL 1 DAY) WHERE game = @g AND day = @d";
        move.Parameters.AddWithValue("@g", game.ToString());
        move.Parameters.AddWithValue("@d", day.ToDateTime(TimeOnly.MinValue));

        Assert.Equal(secret, (await Store.ReadSeedChainAsync(game, day))!.Secret);
        Assert.Equal(SeedSecretSealer.SealedBytes, sealedSecret.Length);
        Assert.DoesNotContain(Convert.ToHexString(secret), Convert.ToHexString(sealedSecret), StringComparison.Ordinal);
        await move.ExecuteNonQueryAsync();
        await Assert.ThrowsAnyAsync<System.Security.Cryptography.CryptographicException>(() => Store.ReadSeedChainAsync(game, day.AddDays(1)));
    }
}
