using GameServer.Grains.Wallet;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MySqlConnector;

namespace GameServer.Grains.Journal;

/// <summary>
/// Seals the payout destinations of <c>withdrawals</c> rows that are not sealed under the current key: rows
/// written in the clear before migration 0015 (<c>payout_destination</c>), and rows sealed under a key since
/// moved to <c>Wallet:PreviousPayoutSealingKeys</c>. Runs once in the background when a Production silo starts;
/// idempotent (a row is updated only if it still holds what was read, so silos starting together do no harm)
/// and batched (<see cref="BatchSize"/> rows a transaction). A row whose sealed value does not open is left as
/// it is and logged (<see cref="PayoutSealer"/>). The last silo started in a rolling upgrade starts after every
/// silo of the old version has stopped, so it catches the rows they wrote meanwhile.
/// </summary>
public sealed partial class WithdrawalDestinationResealing(MySqlDataSource dataSource, PayoutSealer sealer, ILogger<WithdrawalDestinationResealing> logger) : BackgroundService
{
    /// <summary>Rows read and updated in one transaction: short enough not to hold locks that a withdrawal request waits on for long.</summary>
    public const int BatchSize = 500;

    /// <summary>Reseals every row that needs it; returns how many were resealed and how many did not open.</summary>
    public async Task<(int Resealed, int Unreadable)> ResealAsync(CancellationToken cancellationToken = default)
    {
        var (resealed, unreadable, after) = (0, 0, "");
        while (true)
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var rows = await ReadBatch(connection, transaction, after, cancellationToken);
            if (rows.Count == 0)
            {
                return (resealed, unreadable);
            }

            foreach (var row in rows)
            {
                var destination = row.Sealed is { } sealedValue
                    ? sealer.TryOpenWithdrawal(row.WithdrawalId, row.UserId, sealedValue)
                    : ReadPlain(row);
                if (destination is null)
                {
                    unreadable++;
                    continue;
                }

                await using var update = new MySqlCommand(
                    "UPDATE withdrawals SET payout_sealed = @new, payout_destination = NULL WHERE withdrawal_id = @id AND payout_destination <=> @plain AND payout_sealed <=> @old",
                    connection, transaction);
                update.Parameters.AddWithValue("@new", sealer.SealWithdrawal(row.WithdrawalId, row.UserId, destination));
                update.Parameters.AddWithValue("@id", row.WithdrawalId);
                update.Parameters.AddWithValue("@plain", row.Plain);
                update.Parameters.AddWithValue("@old", row.Sealed);
                resealed += await update.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            after = rows[^1].WithdrawalId;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var (resealed, unreadable) = await ResealAsync(stoppingToken);
            if (resealed + unreadable > 0)
            {
                LogResealed(logger, resealed, unreadable, sealer.CurrentKeyId);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A background service that throws stops the host: a silo must not stop over this job.
            // Rows left plain are still read (PayoutDestinationColumns); the next silo to start tries again.
            LogFailed(logger, exception);
        }
    }

    private async Task<List<Row>> ReadBatch(MySqlConnection connection, MySqlTransaction transaction, string after, CancellationToken cancellationToken)
    {
        // SUBSTRING counts from 1: bytes 2 to 5 of a sealed value are its key id (PayoutSealer's layout).
        await using var command = new MySqlCommand(
            "SELECT withdrawal_id, user_id, payout_kind, payout_destination, payout_sealed FROM withdrawals " +
            "WHERE withdrawal_id > @after AND payout_kind IS NOT NULL AND (payout_destination IS NOT NULL OR SUBSTRING(payout_sealed, 2, 4) <> @key) " +
            "ORDER BY withdrawal_id LIMIT @n FOR UPDATE", connection, transaction);
        command.Parameters.AddWithValue("@after", after);
        command.Parameters.AddWithValue("@key", Convert.FromHexString(sealer.CurrentKeyId));
        command.Parameters.AddWithValue("@n", BatchSize);
        var rows = new List<Row>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new Row(reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : (byte[])reader.GetValue(4)));
        }

        return rows;
    }

    /// <summary>A plain row's destination; null, and an error logged, for one that is not a destination (the reader refuses it too).</summary>
    private GameServer.Wallet.PayoutDestination? ReadPlain(Row row)
    {
        try
        {
            return PayoutDestinationJson.Deserialize(row.Kind, row.Plain!);
        }
        catch (Exception exception) when (exception is System.Text.Json.JsonException or InvalidDataException or KeyNotFoundException)
        {
            LogPlainUnreadable(logger, row.WithdrawalId, exception.GetType().Name);
            return null;
        }
    }

    private sealed record Row(string WithdrawalId, long UserId, string Kind, string? Plain, byte[]? Sealed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sealed {Resealed} withdrawals' payout destinations under key {KeyId}; {Unreadable} did not open and were left as they are")]
    private static partial void LogResealed(ILogger logger, int resealed, int unreadable, string keyId);

    [LoggerMessage(Level = LogLevel.Error, Message = "INTEGRITY: withdrawal {WithdrawalId}'s plain payout_destination is not a payout destination ({Failure}); left as it is")]
    private static partial void LogPlainUnreadable(ILogger logger, string withdrawalId, string failure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Resealing withdrawals' payout destinations failed; rows not yet sealed stay readable and the next silo start tries again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
