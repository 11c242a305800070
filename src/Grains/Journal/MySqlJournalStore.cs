using System.Data;
using GameServer.Games;
using GameServer.Grains.Wallet;
using GameServer.Players;
using GameServer.Reports;
using GameServer.Wallet;
using MySqlConnector;

namespace GameServer.Grains.Journal;

/// <summary>
/// The journal on MySQL/MariaDB (InnoDB, full durability). A batch is one transaction of a few round
/// trips whatever its size: one multi-row INSERT IGNORE of the ledger rows (the unique keys refuse a
/// taken seq or a used operation id), one read of which rows landed, one multi-row insert of the
/// bets of those rows, one commit. Refused rows are told apart (duplicate operation or taken seq) by
/// one more read each, only when there are any.
/// </summary>
/// <remarks>
/// Day secrets are sealed with <see cref="SeedSecretSealer"/> before they reach the database, withdrawals'
/// payout destinations with <see cref="PayoutSealer"/> (<see cref="PayoutDestinationColumns"/>).
/// </remarks>
public sealed class MySqlJournalStore(MySqlDataSource dataSource, SeedSecretSealer secrets, PayoutSealer payouts) : IJournalStore
{
    private const string EntryColumns = "account_id, seq, operation_id, entry_type, amount, held_change, balance_after, held_after, reference, memo, created_at";
    private const string BetColumns = "b.bet_id, b.user_id, b.game, b.period_id, b.bet_type, b.bet_value, b.bet_position, b.stake, b.placed_at";
    private const string OutcomeColumns = "o.outcome, o.payout, o.settled_at";

    public async Task<IReadOnlyList<AppendResult>> AppendBatchAsync(IReadOnlyList<JournalAppend> appends, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);

        await InsertIgnoringDuplicates(connection, transaction, appends, cancellationToken);
        var inserted = await Landed(connection, transaction, appends, cancellationToken);
        var landed = appends.Where((_, i) => inserted[i]).ToList();
        await InsertCompanions(connection, transaction, landed, cancellationToken);

        await transaction.CommitAsync(cancellationToken);

        var results = new AppendResult[appends.Count];
        for (var i = 0; i < appends.Count; i++)
        {
            if (inserted[i])
            {
                results[i] = AppendResult.Appended;
                continue;
            }

            var entry = appends[i].Entry;
            var existing = await FindOperationAsync(entry.AccountId, entry.OperationId, cancellationToken);
            results[i] = existing is not null ? new AppendResult(AppendOutcome.DuplicateOperation, existing) : new AppendResult(AppendOutcome.SeqConflict);
        }

        return results;
    }

    /// <summary>One multi-row INSERT IGNORE: the unique keys silently refuse a taken seq or a used operation id.</summary>
    private static async Task InsertIgnoringDuplicates(MySqlConnection connection, MySqlTransaction transaction, IReadOnlyList<JournalAppend> appends, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand { Connection = connection, Transaction = transaction };
        var rows = new List<string>(appends.Count);
        for (var i = 0; i < appends.Count; i++)
        {
            var entry = appends[i].Entry;
            rows.Add($"(@a{i}, @s{i}, @o{i}, @t{i}, @m{i}, @h{i}, @b{i}, @ha{i}, @r{i}, @me{i}, @c{i})");
            command.Parameters.AddWithValue($"@a{i}", entry.AccountId);
            command.Parameters.AddWithValue($"@s{i}", entry.Seq);
            command.Parameters.AddWithValue($"@o{i}", entry.OperationId);
            command.Parameters.AddWithValue($"@t{i}", (byte)entry.Type);
            command.Parameters.AddWithValue($"@m{i}", entry.Amount.MinorUnits);
            command.Parameters.AddWithValue($"@h{i}", entry.HeldChange.MinorUnits);
            command.Parameters.AddWithValue($"@b{i}", entry.BalanceAfter.MinorUnits);
            command.Parameters.AddWithValue($"@ha{i}", entry.HeldAfter.MinorUnits);
            command.Parameters.AddWithValue($"@r{i}", entry.Reference);
            command.Parameters.AddWithValue($"@me{i}", entry.Memo);
            command.Parameters.AddWithValue($"@c{i}", entry.CreatedAt.UtcDateTime);
        }

        command.CommandText = $"INSERT IGNORE INTO ledger_entries ({EntryColumns}) VALUES {string.Join(", ", rows)}";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Which appends now stand at their (account, seq) with their own operation id. An identical row
    /// written earlier by a lost-reply retry counts too: it is the same entry, computed from the same
    /// previous balance.
    /// </summary>
    private static async Task<bool[]> Landed(MySqlConnection connection, MySqlTransaction transaction, IReadOnlyList<JournalAppend> appends, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand { Connection = connection, Transaction = transaction };
        var keys = new List<string>(appends.Count);
        for (var i = 0; i < appends.Count; i++)
        {
            keys.Add($"(@a{i}, @s{i})");
            command.Parameters.AddWithValue($"@a{i}", appends[i].Entry.AccountId);
            command.Parameters.AddWithValue($"@s{i}", appends[i].Entry.Seq);
        }

        command.CommandText = $"SELECT account_id, seq, operation_id FROM ledger_entries WHERE (account_id, seq) IN ({string.Join(", ", keys)})";
        var stored = new Dictionary<(long, long), string>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                stored[(reader.GetInt64(0), reader.GetInt64(1))] = reader.GetString(2);
            }
        }

        var landed = new bool[appends.Count];
        var claimed = new HashSet<(long, long)>();
        for (var i = 0; i < appends.Count; i++)
        {
            var entry = appends[i].Entry;
            var key = (entry.AccountId, entry.Seq);
            landed[i] = stored.TryGetValue(key, out var operation) && operation == entry.OperationId && claimed.Add(key);
        }

        return landed;
    }

    /// <summary>The records that come with the landed entries, in the same transaction; IGNORE keeps a row an earlier, lost-reply attempt wrote.</summary>
    private async Task InsertCompanions(MySqlConnection connection, MySqlTransaction transaction, List<JournalAppend> landed, CancellationToken cancellationToken)
    {
        if (landed.Where(append => append.Bet is not null).Select(append => append.Bet!).ToList() is { Count: > 0 } bets)
        {
            await InsertBets(connection, transaction, bets, cancellationToken);
        }

        foreach (var withdrawal in landed.Where(append => append.Withdrawal is not null).Select(append => append.Withdrawal!))
        {
            var (payoutKind, payoutSealed) = PayoutDestinationColumns.Write(payouts, withdrawal.WithdrawalId, withdrawal.UserId, withdrawal.Destination);
            await Execute(connection, transaction,
                "INSERT IGNORE INTO withdrawals (withdrawal_id, user_id, amount, requested_at, payout_method_id, payout_kind, payout_sealed) VALUES (@id, @u, @a, @at, @pm, @pk, @ps)",
                cancellationToken, ("@id", withdrawal.WithdrawalId), ("@u", withdrawal.UserId), ("@a", withdrawal.Amount.MinorUnits), ("@at", withdrawal.RequestedAt.UtcDateTime),
                ("@pm", withdrawal.PayoutMethodId), ("@pk", payoutKind), ("@ps", payoutSealed));
        }

        foreach (var decision in landed.Where(append => append.Decision is not null).Select(append => append.Decision!))
        {
            await Execute(connection, transaction,
                "UPDATE withdrawals SET status = @s, decided_by = @by, decided_at = @at, decision_reason = @r WHERE withdrawal_id = @id AND status = @pending", cancellationToken,
                ("@id", decision.WithdrawalId), ("@s", (byte)(decision.Paid ? WithdrawalStatus.Paid : WithdrawalStatus.Rejected)),
                ("@by", decision.DecidedBy), ("@at", decision.DecidedAt.UtcDateTime), ("@r", decision.Reason), ("@pending", (byte)WithdrawalStatus.Pending));
        }

        foreach (var action in landed.Where(append => append.Action is not null).Select(append => append.Action!))
        {
            await InsertStaffAction(connection, transaction, action, cancellationToken);
        }

        foreach (var flag in landed.Where(append => append.Flag is not null).Select(append => append.Flag!))
        {
            await Execute(connection, transaction, "INSERT IGNORE INTO flagged_deposits (order_id, user_id, amount, reason, detail, credited_at) VALUES (@o, @u, @a, @r, @d, @at)", cancellationToken,
                ("@o", flag.OrderId), ("@u", flag.UserId), ("@a", flag.Amount.MinorUnits), ("@r", (byte)flag.Reason), ("@d", flag.Detail), ("@at", flag.CreditedAt.UtcDateTime));
        }
    }

    private static async Task Execute(MySqlConnection connection, MySqlTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        command.Transaction = transaction;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task InsertBets(MySqlConnection connection, MySqlTransaction transaction, List<BetRecord> bets, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand { Connection = connection, Transaction = transaction };
        var rows = new List<string>(bets.Count);
        for (var i = 0; i < bets.Count; i++)
        {
            var bet = bets[i];
            rows.Add($"(@id{i}, @u{i}, @g{i}, @p{i}, @t{i}, @v{i}, @pos{i}, @s{i}, @at{i})");
            command.Parameters.AddWithValue($"@id{i}", bet.BetId);
            command.Parameters.AddWithValue($"@u{i}", bet.UserId);
            command.Parameters.AddWithValue($"@g{i}", bet.Game.ToString());
            command.Parameters.AddWithValue($"@p{i}", bet.PeriodId);
            command.Parameters.AddWithValue($"@t{i}", bet.Selection.Type.WireName());
            command.Parameters.AddWithValue($"@v{i}", bet.Selection.Value);
            command.Parameters.AddWithValue($"@pos{i}", bet.Selection.Position?.ToString());
            command.Parameters.AddWithValue($"@s{i}", bet.Stake.MinorUnits);
            command.Parameters.AddWithValue($"@at{i}", bet.PlacedAt.UtcDateTime);
        }

        // IGNORE: a bet id already recorded (its stake landed in an earlier, lost-reply attempt) stays as it was.
        command.CommandText = $"INSERT IGNORE INTO bets (bet_id, user_id, game, period_id, bet_type, bet_value, bet_position, stake, placed_at) VALUES {string.Join(", ", rows)}";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<LedgerEntry?> GetLatestAsync(long accountId, CancellationToken cancellationToken = default) =>
        (await QueryEntries($"SELECT {EntryColumns} FROM ledger_entries WHERE account_id = @a ORDER BY seq DESC LIMIT 1", cancellationToken, ("@a", accountId))).FirstOrDefault();

    public async Task<LedgerEntry?> FindOperationAsync(long accountId, string operationId, CancellationToken cancellationToken = default) =>
        (await QueryEntries($"SELECT {EntryColumns} FROM ledger_entries WHERE account_id = @a AND operation_id = @o", cancellationToken, ("@a", accountId), ("@o", operationId))).FirstOrDefault();

    /// <remarks>Filtered by type through ix_ledger_entries_account_type (account, type, seq): a page and its count read only that type's rows.</remarks>
    public async Task<LedgerPage> ReadPageAsync(long accountId, int page, int limit, LedgerEntryType? type = null, CancellationToken cancellationToken = default)
    {
        var where = type is null ? "WHERE account_id = @a" : "WHERE account_id = @a AND entry_type = @t";
        var parameters = new (string, object?)[] { ("@a", accountId), ("@t", (byte?)type), ("@l", limit), ("@o", (page - 1) * limit) };
        var entries = await QueryEntries($"SELECT {EntryColumns} FROM ledger_entries {where} ORDER BY seq DESC LIMIT @l OFFSET @o", cancellationToken, parameters);
        var total = await Scalar<long>($"SELECT COUNT(*) FROM ledger_entries {where}", cancellationToken, parameters);
        return new LedgerPage(entries, page, limit, total);
    }

    public async Task<IReadOnlyList<LedgerEntry>> ReadSinceAsync(long accountId, DateTimeOffset since, CancellationToken cancellationToken = default) =>
        await QueryEntries($"SELECT {EntryColumns} FROM ledger_entries WHERE account_id = @a AND created_at >= @s ORDER BY seq",
            cancellationToken, ("@a", accountId), ("@s", since.UtcDateTime));

    public async Task<(Money Recharge, Money Withdrawal)> ReadTotalsAsync(long accountId, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection,
            "SELECT COALESCE(SUM(CASE WHEN entry_type = @d THEN amount END), 0), COALESCE(SUM(CASE WHEN entry_type = @w THEN -held_change END), 0) FROM ledger_entries WHERE account_id = @a",
            ("@a", accountId), ("@d", (byte)LedgerEntryType.Deposit), ("@w", (byte)LedgerEntryType.WithdrawalPaid));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (new Money(Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)),
            new Money(Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture)));
    }

    public async Task<Money> ReadTurnoverAsync(long accountId, CancellationToken cancellationToken = default) =>
        new(await Scalar<long>("SELECT COALESCE(-SUM(amount), 0) FROM ledger_entries WHERE account_id = @a AND entry_type IN (@s, @r)", cancellationToken,
            ("@a", accountId), ("@s", (byte)LedgerEntryType.BetStake), ("@r", (byte)LedgerEntryType.BetRefund)));

    public async Task RecordStaffActionAsync(StaffAction action, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await InsertStaffAction(connection, null, action, cancellationToken);
    }

    /// <summary>INSERT IGNORE: the unique action id keeps a record a lost-reply retry already wrote.</summary>
    private static Task InsertStaffAction(MySqlConnection connection, MySqlTransaction? transaction, StaffAction action, CancellationToken cancellationToken) =>
        Execute(connection, transaction,
            "INSERT IGNORE INTO staff_actions (action_id, staff_id, action, player_id, subject, reason, acted_at) VALUES (@id, @s, @k, @p, @su, @r, @at)", cancellationToken,
            ("@id", action.ActionId), ("@s", action.StaffId), ("@k", (byte)action.Kind), ("@p", action.PlayerId), ("@su", action.Subject), ("@r", action.Reason),
            ("@at", action.At.UtcDateTime));

    public async Task<StaffActionPage> ReadStaffActionsAsync(StaffActionQuery query, CancellationToken cancellationToken = default)
    {
        var conditions = new List<string> { "TRUE" };
        if (query.StaffId is not null)
        {
            conditions.Add("staff_id = @s");
        }

        if (query.PlayerId is not null)
        {
            conditions.Add("player_id = @p");
        }

        if (query.Kind is not null)
        {
            conditions.Add("action = @k");
        }

        var where = $"WHERE {string.Join(" AND ", conditions)}";
        var parameters = new (string, object?)[] { ("@s", query.StaffId), ("@p", query.PlayerId), ("@k", (byte?)query.Kind), ("@l", query.Limit), ("@o", (query.Page - 1) * query.Limit) };
        var items = new List<StaffAction>();
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        await using (var command = Command(connection,
            $"SELECT action_id, staff_id, action, player_id, subject, reason, acted_at FROM staff_actions {where} ORDER BY action_seq DESC LIMIT @l OFFSET @o", parameters))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(new StaffAction(reader.GetString(0), reader.GetInt64(1), (StaffActionKind)reader.GetByte(2), reader.IsDBNull(3) ? null : reader.GetInt64(3),
                    reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5), Utc(reader.GetDateTime(6))));
            }
        }

        var total = await Scalar<long>($"SELECT COUNT(*) FROM staff_actions {where}", cancellationToken, parameters);
        return new StaffActionPage(items, query.Page, query.Limit, total);
    }

    /// <remarks>
    /// The days the instants fall on (created_day) narrow the read to those days' stakes and refunds in
    /// ix_ledger_entries_day_type (migration 0013), which also holds created_at and amount: no table row is read.
    /// </remarks>
    public async Task<IReadOnlyList<(long AccountId, Money Stake)>> ReadNetStakesAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection,
            "SELECT account_id, -SUM(amount) FROM ledger_entries WHERE created_day BETWEEN @fd AND @td AND created_at >= @f AND created_at < @t AND entry_type IN (@s, @r) " +
            "GROUP BY account_id HAVING -SUM(amount) > 0",
            ("@fd", ReportRules.DayOf(from)), ("@td", ReportRules.DayOf(to.AddTicks(-1))), ("@f", from.UtcDateTime), ("@t", to.UtcDateTime),
            ("@s", (byte)LedgerEntryType.BetStake), ("@r", (byte)LedgerEntryType.BetRefund));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var stakes = new List<(long, Money)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            stakes.Add((reader.GetInt64(0), new Money(Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture))));
        }

        return stakes;
    }

    public async Task<IReadOnlyList<SettledBet>> ReadPeriodBetsAsync(GameKey game, string periodId, CancellationToken cancellationToken = default) =>
        await QueryBets($"SELECT {BetColumns}, {OutcomeColumns} FROM bets b LEFT JOIN bet_outcomes o ON o.bet_id = b.bet_id WHERE b.game = @g AND b.period_id = @p ORDER BY b.user_id, b.placed_at",
            cancellationToken, ("@g", game.ToString()), ("@p", periodId));

    public async Task<IReadOnlyList<BetRecord>> ReadUnsettledBetsAsync(GameKey game, string fromPeriodId, string toPeriodId, CancellationToken cancellationToken = default) =>
        (await QueryBets($"SELECT {BetColumns}, {OutcomeColumns} FROM bets b LEFT JOIN bet_outcomes o ON o.bet_id = b.bet_id WHERE b.game = @g AND b.period_id >= @f AND b.period_id < @t AND o.bet_id IS NULL ORDER BY b.period_id, b.user_id",
            cancellationToken, ("@g", game.ToString()), ("@f", fromPeriodId), ("@t", toPeriodId))).Select(bet => bet.Bet).ToList();

    public Task<int> CountUserBetsAsync(long userId, GameKey game, string periodId, CancellationToken cancellationToken = default) =>
        Scalar<int>("SELECT COUNT(*) FROM bets WHERE game = @g AND period_id = @p AND user_id = @u", cancellationToken,
            ("@g", game.ToString()), ("@p", periodId), ("@u", userId));

    public async Task RecordOutcomesAsync(IReadOnlyList<BetOutcome> outcomes, CancellationToken cancellationToken = default)
    {
        const int RowsPerStatement = 500;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        foreach (var chunk in outcomes.Chunk(RowsPerStatement))
        {
            await using var command = connection.CreateCommand();
            var rows = new List<string>(chunk.Length);
            for (var i = 0; i < chunk.Length; i++)
            {
                rows.Add($"(@id{i}, @u{i}, @g{i}, @p{i}, @k{i}, @pay{i}, @at{i})");
                command.Parameters.AddWithValue($"@id{i}", chunk[i].BetId);
                command.Parameters.AddWithValue($"@u{i}", chunk[i].UserId);
                command.Parameters.AddWithValue($"@g{i}", chunk[i].Game.ToString());
                command.Parameters.AddWithValue($"@p{i}", chunk[i].PeriodId);
                command.Parameters.AddWithValue($"@k{i}", (byte)chunk[i].Kind);
                command.Parameters.AddWithValue($"@pay{i}", chunk[i].Payout.MinorUnits);
                command.Parameters.AddWithValue($"@at{i}", chunk[i].SettledAt.UtcDateTime);
            }

            command.CommandText = $"INSERT IGNORE INTO bet_outcomes (bet_id, user_id, game, period_id, outcome, payout, settled_at) VALUES {string.Join(", ", rows)}";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <remarks>
    /// Unfiltered, read through ix_bets_user_time; filtered by game-durations (bets.game holds the key,
    /// e.g. <c>wingo-60</c>), through ix_bets_user_game_time (player, game, time).
    /// </remarks>
    public async Task<BetHistoryPage> ReadBetHistoryAsync(long userId, DateTimeOffset from, DateTimeOffset to, int page, int limit, GameFilter? games = null, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<GameKey> keys = games is null || games.IsAll ? [] : games.Keys;
        var parameters = new List<(string, object?)> { ("@u", userId), ("@f", from.UtcDateTime), ("@t", to.UtcDateTime), ("@l", limit), ("@o", (page - 1) * limit) };
        parameters.AddRange(keys.Select((key, i) => ($"@g{i}", (object?)key.ToString())));
        var where = "b.user_id = @u AND b.placed_at >= @f AND b.placed_at < @t"
            + (keys.Count == 0 ? "" : $" AND b.game IN ({string.Join(", ", keys.Select((_, i) => $"@g{i}"))})");

        var bets = await QueryBets(
            $"SELECT {BetColumns}, {OutcomeColumns} FROM bets b LEFT JOIN bet_outcomes o ON o.bet_id = b.bet_id WHERE {where} ORDER BY b.placed_at DESC, b.bet_id DESC LIMIT @l OFFSET @o",
            cancellationToken, [.. parameters]);
        var total = await Scalar<long>($"SELECT COUNT(*) FROM bets b WHERE {where}", cancellationToken, [.. parameters]);
        return new BetHistoryPage(bets, page, limit, total);
    }

    public async Task<OpenedPeriod> SaveOpenedPeriodAsync(OpenedPeriod period, CancellationToken cancellationToken = default)
    {
        await Execute("INSERT IGNORE INTO game_periods (game, period_id, seed) VALUES (@g, @p, @s)", cancellationToken,
            ("@g", period.Game.ToString()), ("@p", period.PeriodId), ("@s", period.Seed));
        var seed = await Scalar<byte[]>("SELECT seed FROM game_periods WHERE game = @g AND period_id = @p", cancellationToken,
            ("@g", period.Game.ToString()), ("@p", period.PeriodId));
        return period with { Seed = seed };
    }

    public async Task<OpenedPeriod?> ReadOpenedPeriodAsync(GameKey game, string periodId, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, "SELECT seed FROM game_periods WHERE game = @g AND period_id = @p", ("@g", game.ToString()), ("@p", periodId));
        return await command.ExecuteScalarAsync(cancellationToken) is byte[] seed ? new OpenedPeriod(game, periodId, seed) : null;
    }

    public async Task<OpenedPeriod?> ReadLatestOpenedPeriodAsync(GameKey game, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, "SELECT period_id, seed FROM game_periods WHERE game = @g ORDER BY period_id DESC LIMIT 1", ("@g", game.ToString()));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new OpenedPeriod(game, reader.GetString(0), (byte[])reader.GetValue(1)) : null;
    }

    public Task SavePeriodResultAsync(PeriodResult result, CancellationToken cancellationToken = default) =>
        Execute("INSERT IGNORE INTO period_results (game, period_id, commit_hash, seed, result, result_hash, ends_at, drawn_at) VALUES (@g, @p, @c, @s, @r, @h, @e, @d)",
            cancellationToken, ("@g", result.Game.ToString()), ("@p", result.PeriodId), ("@c", result.Commit), ("@s", result.Seed),
            ("@r", result.Result.ToString()), ("@h", result.Result.Hash), ("@e", result.EndsAt.UtcDateTime), ("@d", result.DrawnAt.UtcDateTime));

    public async Task<PeriodResult?> ReadPeriodResultAsync(GameKey game, string periodId, CancellationToken cancellationToken = default) =>
        (await QueryResults(game, "WHERE game = @g AND period_id = @p", cancellationToken, ("@g", game.ToString()), ("@p", periodId))).FirstOrDefault();

    public async Task<PeriodResultPage> ReadPeriodResultsAsync(GameKey game, int page, int limit, CancellationToken cancellationToken = default)
    {
        var results = await QueryResults(game, "WHERE game = @g ORDER BY period_id DESC LIMIT @l OFFSET @o", cancellationToken,
            ("@g", game.ToString()), ("@l", limit), ("@o", (page - 1) * limit));
        var total = await Scalar<long>("SELECT COUNT(*) FROM period_results WHERE game = @g", cancellationToken, ("@g", game.ToString()));
        return new PeriodResultPage(results, page, limit, total);
    }

    private const string WithdrawalColumns =
        "withdrawal_id, user_id, amount, requested_at, status, decided_by, decided_at, decision_reason, payout_method_id, payout_kind, payout_destination, payout_sealed";

    public async Task<Withdrawal?> ReadWithdrawalAsync(string withdrawalId, CancellationToken cancellationToken = default) =>
        (await QueryWithdrawals($"SELECT {WithdrawalColumns} FROM withdrawals WHERE withdrawal_id = @id", cancellationToken, ("@id", withdrawalId))).FirstOrDefault();

    public async Task<WithdrawalPage> ReadWithdrawalsAsync(WithdrawalQuery query, CancellationToken cancellationToken = default)
    {
        var conditions = new List<string> { "TRUE" };
        if (query.Status is not null)
        {
            conditions.Add("status = @s");
        }

        if (query.UserId is not null)
        {
            conditions.Add("user_id = @u");
        }

        var where = $"WHERE {string.Join(" AND ", conditions)}";
        var parameters = new (string, object?)[] { ("@s", (byte?)query.Status), ("@u", query.UserId), ("@l", query.Limit), ("@o", (query.Page - 1) * query.Limit) };
        var items = await QueryWithdrawals($"SELECT {WithdrawalColumns} FROM withdrawals {where} ORDER BY requested_at DESC, withdrawal_id DESC LIMIT @l OFFSET @o",
            cancellationToken, parameters);
        var total = await Scalar<long>($"SELECT COUNT(*) FROM withdrawals {where}", cancellationToken, parameters);
        return new WithdrawalPage(items, query.Page, query.Limit, total);
    }

    public async Task<FlaggedDepositPage> ReadFlaggedDepositsAsync(long? userId, int page, int limit, CancellationToken cancellationToken = default)
    {
        var where = userId is null ? "" : "WHERE user_id = @u";
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection,
            $"SELECT user_id, order_id, amount, reason, detail, credited_at FROM flagged_deposits {where} ORDER BY credited_at DESC, order_id DESC LIMIT @l OFFSET @o",
            ("@u", userId), ("@l", limit), ("@o", (page - 1) * limit));
        var items = new List<FlaggedDeposit>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(new FlaggedDeposit(reader.GetInt64(0), reader.GetString(1), new Money(reader.GetInt64(2)), (DepositFlagReason)reader.GetByte(3),
                    reader.GetString(4), Utc(reader.GetDateTime(5))));
            }
        }

        var total = await Scalar<long>($"SELECT COUNT(*) FROM flagged_deposits {where}", cancellationToken, ("@u", userId));
        return new FlaggedDepositPage(items, page, limit, total);
    }

    private async Task<List<Withdrawal>> QueryWithdrawals(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var withdrawals = new List<Withdrawal>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var (withdrawalId, userId) = (reader.GetString(0), reader.GetInt64(1));
            withdrawals.Add(new Withdrawal(withdrawalId, userId, new Money(reader.GetInt64(2)), (WithdrawalStatus)reader.GetByte(4),
                Utc(reader.GetDateTime(3)), reader.IsDBNull(5) ? null : reader.GetInt64(5), reader.IsDBNull(6) ? null : Utc(reader.GetDateTime(6)),
                reader.IsDBNull(7) ? null : reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8),
                PayoutDestinationColumns.Read(payouts, withdrawalId, userId, reader.IsDBNull(9) ? null : reader.GetString(9), reader.IsDBNull(10) ? null : reader.GetString(10),
                    reader.IsDBNull(11) ? null : (byte[])reader.GetValue(11))));
        }

        return withdrawals;
    }

    public async Task<StoredSeedChain> SaveSeedChainAsync(StoredSeedChain chain, CancellationToken cancellationToken = default)
    {
        // Published when the database says, never earlier: a silo whose clock lags cannot date a chain back.
        await Execute("INSERT IGNORE INTO seed_chains (game, day, sealed_secret, anchor, created_at) VALUES (@g, @d, @s, @a, GREATEST(@c, UTC_TIMESTAMP(6)))", cancellationToken,
            ("@g", chain.Game.ToString()), ("@d", chain.Day.ToDateTime(TimeOnly.MinValue)), ("@s", secrets.Seal(chain.Game, chain.Day, chain.Secret)),
            ("@a", chain.Anchor), ("@c", chain.CreatedAt.UtcDateTime));
        return (await ReadSeedChainAsync(chain.Game, chain.Day, cancellationToken))!;
    }

    public async Task<StoredSeedChain?> ReadSeedChainAsync(GameKey game, DateOnly day, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, "SELECT sealed_secret, anchor, created_at FROM seed_chains WHERE game = @g AND day = @d",
            ("@g", game.ToString()), ("@d", day.ToDateTime(TimeOnly.MinValue)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new StoredSeedChain(game, day, secrets.Open(game, day, (byte[])reader.GetValue(0)), reader.GetString(1), Utc(reader.GetDateTime(2)))
            : null;
    }

    public async Task<IReadOnlyList<DayAnchor>> ReadDayAnchorsAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, "SELECT game, day, anchor, created_at FROM seed_chains WHERE day BETWEEN @f AND @t ORDER BY day, game",
            ("@f", from.ToDateTime(TimeOnly.MinValue)), ("@t", to.ToDateTime(TimeOnly.MinValue)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var anchors = new List<DayAnchor>();
        while (await reader.ReadAsync(cancellationToken))
        {
            if (GameKey.TryParse(reader.GetString(0), out var game))
            {
                anchors.Add(new DayAnchor(game, DateOnly.FromDateTime(reader.GetDateTime(1)), reader.GetString(2), Utc(reader.GetDateTime(3))));
            }
        }

        return anchors;
    }

    public async Task<IReadOnlyList<PeriodResult>> ReadPeriodResultsBetweenAsync(GameKey game, string fromPeriodId, string toPeriodId, CancellationToken cancellationToken = default) =>
        await QueryResults(game, "WHERE game = @g AND period_id BETWEEN @f AND @t ORDER BY period_id", cancellationToken,
            ("@g", game.ToString()), ("@f", fromPeriodId), ("@t", toPeriodId));

    public async Task<IReadOnlyList<PeriodBetTotals>> ReadPeriodBetTotalsAsync(GameKey game, string fromPeriodId, string toPeriodId, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection,
            "SELECT b.period_id, COUNT(*), SUM(b.stake), COALESCE(SUM(CASE WHEN o.outcome = @won THEN o.payout END), 0), COALESCE(SUM(CASE WHEN o.outcome = @refunded THEN o.payout END), 0), " +
            "SUM(o.bet_id IS NULL) " +
            "FROM bets b LEFT JOIN bet_outcomes o ON o.bet_id = b.bet_id WHERE b.game = @g AND b.period_id BETWEEN @f AND @t GROUP BY b.period_id ORDER BY b.period_id",
            ("@g", game.ToString()), ("@f", fromPeriodId), ("@t", toPeriodId), ("@won", (byte)BetOutcomeKind.Won), ("@refunded", (byte)BetOutcomeKind.Refunded));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var totals = new List<PeriodBetTotals>();
        while (await reader.ReadAsync(cancellationToken))
        {
            totals.Add(new PeriodBetTotals(reader.GetString(0), reader.GetInt64(1), new Money(LongOf(reader, 2)), new Money(LongOf(reader, 3)), new Money(LongOf(reader, 4)), LongOf(reader, 5)));
        }

        return totals;
    }

    public async Task<IReadOnlyList<SelectionStake>> ReadStakesBySelectionAsync(GameKey game, string fromPeriodId, string toPeriodId, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection,
            "SELECT b.bet_type, b.bet_value, b.bet_position, SUM(b.stake) FROM bets b LEFT JOIN bet_outcomes o ON o.bet_id = b.bet_id " +
            "WHERE b.game = @g AND b.period_id BETWEEN @f AND @t AND (o.outcome IS NULL OR o.outcome <> @refunded) GROUP BY b.bet_type, b.bet_value, b.bet_position",
            ("@g", game.ToString()), ("@f", fromPeriodId), ("@t", toPeriodId), ("@refunded", (byte)BetOutcomeKind.Refunded));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var stakes = new List<SelectionStake>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var position = reader.IsDBNull(2) ? (char?)null : reader.GetString(2)[0];
            stakes.Add(new SelectionStake(new BetSelection(BetRules.WireNames[reader.GetString(0)], reader.GetString(1), position), new Money(LongOf(reader, 3))));
        }

        return stakes;
    }

    private static long LongOf(MySqlDataReader reader, int ordinal) => Convert.ToInt64(reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);

    public async Task AuditAsync(LedgerAuditor auditor, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, $"SELECT {EntryColumns} FROM ledger_entries ORDER BY account_id, seq");
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            auditor.Observe(ReadEntry(reader));
        }
    }

    /// <remarks>
    /// Three GROUP BY queries in one read-only REPEATABLE READ transaction, so that all three read one
    /// snapshot. Each reads its days' part of one covering index of migration 0013, which starts with
    /// the row's UTC day (a virtual column) in the order the query groups: no table row is read and
    /// nothing is sorted, and only the aggregates (days × types, days × game-durations) cross the wire.
    /// </remarks>
    public async Task<IReadOnlyList<ReportDay>> ReadDailyReportAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        var days = new (string, object?)[] { ("@from", from), ("@to", to) };
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, isReadOnly: true, cancellationToken);

        var movements = await Aggregate(connection, transaction,
            // The magnitudes of LedgerAuditor.Magnitude, so that the days add up to the audit's totals.
            "SELECT created_day, entry_type, SUM(CASE WHEN entry_type = @paid THEN -held_change ELSE ABS(amount) END), COUNT(*), COUNT(DISTINCT account_id) " +
            "FROM ledger_entries WHERE created_day BETWEEN @from AND @to GROUP BY created_day, entry_type",
            reader => new MovementRow(DateOnly.FromDateTime(reader.GetDateTime(0)), (LedgerEntryType)reader.GetByte(1), new Money(LongOf(reader, 2)), LongOf(reader, 3), LongOf(reader, 4)),
            cancellationToken, [.. days, ("@paid", (byte)LedgerEntryType.WithdrawalPaid)]);
        var placed = await Aggregate(connection, transaction,
            "SELECT placed_day, game, COUNT(DISTINCT user_id), COUNT(*), SUM(stake) FROM bets WHERE placed_day BETWEEN @from AND @to GROUP BY placed_day, game",
            reader => new PlacedBetsRow(DateOnly.FromDateTime(reader.GetDateTime(0)), GameOf(reader.GetString(1)), LongOf(reader, 2), LongOf(reader, 3), new Money(LongOf(reader, 4))),
            cancellationToken, days);
        var settled = await Aggregate(connection, transaction,
            "SELECT settled_day, game, COALESCE(SUM(CASE WHEN outcome = @won THEN payout END), 0), COALESCE(SUM(CASE WHEN outcome = @refunded THEN payout END), 0) " +
            "FROM bet_outcomes WHERE settled_day BETWEEN @from AND @to GROUP BY settled_day, game",
            reader => new SettledBetsRow(DateOnly.FromDateTime(reader.GetDateTime(0)), GameOf(reader.GetString(1)), new Money(LongOf(reader, 2)), new Money(LongOf(reader, 3))),
            cancellationToken, [.. days, ("@won", (byte)BetOutcomeKind.Won), ("@refunded", (byte)BetOutcomeKind.Refunded)]);

        await transaction.CommitAsync(cancellationToken);
        return ReportAssembly.Days(from, to, movements, placed, settled);
    }

    private static async Task<List<T>> Aggregate<T>(MySqlConnection connection, MySqlTransaction transaction, string sql, Func<MySqlDataReader, T> read,
        CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        command.Transaction = transaction;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private static GameKey GameOf(string stored) =>
        GameKey.TryParse(stored, out var game) ? game : throw new InvalidDataException($"bets.game '{stored}' is not a game key.");

    private async Task<List<LedgerEntry>> QueryEntries(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<LedgerEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(ReadEntry(reader));
        }

        return entries;
    }

    private async Task<List<SettledBet>> QueryBets(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var bets = new List<SettledBet>();
        while (await reader.ReadAsync(cancellationToken))
        {
            if (!GameKey.TryParse(reader.GetString(2), out var game))
            {
                throw new InvalidDataException($"bets.game '{reader.GetString(2)}' is not a game key.");
            }

            var betType = BetRules.WireNames[reader.GetString(4)];
            var position = reader.IsDBNull(6) ? (char?)null : reader.GetString(6)[0];
            var bet = new BetRecord(reader.GetString(0), reader.GetInt64(1), game, reader.GetString(3),
                new BetSelection(betType, reader.GetString(5), position), new Money(reader.GetInt64(7)), Utc(reader.GetDateTime(8)));
            var outcome = reader.IsDBNull(9) ? null
                : new BetOutcome(bet.BetId, bet.UserId, game, bet.PeriodId, (BetOutcomeKind)reader.GetByte(9), new Money(reader.GetInt64(10)), Utc(reader.GetDateTime(11)));
            bets.Add(new SettledBet(bet, outcome));
        }

        return bets;
    }

    private async Task<List<PeriodResult>> QueryResults(GameKey game, string where, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, $"SELECT period_id, commit_hash, seed, result, result_hash, ends_at, drawn_at FROM period_results {where}", parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var results = new List<PeriodResult>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var values = reader.GetString(3).Split(',').Select(value => int.Parse(value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            var hash = reader.IsDBNull(4) ? null : reader.GetString(4);
            results.Add(new PeriodResult(game, reader.GetString(0), reader.GetString(1), reader.GetString(2), new GameResult(values, hash),
                Utc(reader.GetDateTime(5)), Utc(reader.GetDateTime(6))));
        }

        return results;
    }

    private async Task Execute(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, sql, parameters);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<T> Scalar<T>(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, sql, parameters);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return (T)Convert.ChangeType(value!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static MySqlCommand Command(MySqlConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }

    private static LedgerEntry ReadEntry(MySqlDataReader reader) => new(
        reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), (LedgerEntryType)reader.GetByte(3),
        new Money(reader.GetInt64(4)), new Money(reader.GetInt64(5)), new Money(reader.GetInt64(6)), new Money(reader.GetInt64(7)),
        reader.GetString(8), reader.IsDBNull(9) ? null : reader.GetString(9), Utc(reader.GetDateTime(10)));

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
