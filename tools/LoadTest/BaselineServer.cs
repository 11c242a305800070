using System.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using MySqlConnector;

namespace GameServer.LoadTest;

/// <summary>
/// The old system's bet path, for comparison only (it is not part of the product): a pool of 20
/// connections, and per bet one transaction that locks the wallet row with SELECT … FOR UPDATE,
/// updates the balance and inserts the bet, on the same MariaDB.
/// </summary>
public static class BaselineServer
{
    public const int Wallets = 64;
    private const int PoolSize = 20;

    public static async Task<int> RunAsync(Options options)
    {
        var connectionString = new MySqlConnectionStringBuilder(options.MySql ?? throw new ArgumentException("--mysql is required"))
        {
            MaximumPoolSize = PoolSize,
        }.ConnectionString;
        await using var dataSource = new MySqlDataSourceBuilder(connectionString).Build();
        await Prepare(dataSource);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(options.Urls[0].ToString());
        var app = builder.Build();
        app.MapPost("/bet/{user:int}", async (int user) =>
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead);
            await using var select = new MySqlCommand("SELECT balance FROM baseline_wallets WHERE user_id = @u FOR UPDATE", connection, transaction);
            select.Parameters.AddWithValue("@u", user);
            var balance = (long)(await select.ExecuteScalarAsync())!;
            if (balance < 100)
            {
                await transaction.RollbackAsync();
                return Results.Conflict();
            }

            await using var update = new MySqlCommand("UPDATE baseline_wallets SET balance = balance - 100 WHERE user_id = @u", connection, transaction);
            update.Parameters.AddWithValue("@u", user);
            await update.ExecuteNonQueryAsync();
            await using var insert = new MySqlCommand("INSERT INTO baseline_bets (user_id, amount, created_at) VALUES (@u, 100, UTC_TIMESTAMP(6))", connection, transaction);
            insert.Parameters.AddWithValue("@u", user);
            await insert.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
            return Results.Ok();
        });
        await app.RunAsync();
        return 0;
    }

    private static async Task Prepare(MySqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE IF NOT EXISTS baseline_wallets (user_id INT PRIMARY KEY, balance BIGINT NOT NULL) ENGINE = InnoDB;
            CREATE TABLE IF NOT EXISTS baseline_bets (id BIGINT AUTO_INCREMENT PRIMARY KEY, user_id INT NOT NULL, amount BIGINT NOT NULL, created_at DATETIME(6) NOT NULL, INDEX (user_id)) ENGINE = InnoDB;
            DELETE FROM baseline_wallets;
            """;
        await command.ExecuteNonQueryAsync();
        for (var user = 1; user <= Wallets; user++)
        {
            command.CommandText = $"INSERT INTO baseline_wallets (user_id, balance) VALUES ({user}, 1000000000000)";
            await command.ExecuteNonQueryAsync();
        }
    }
}
