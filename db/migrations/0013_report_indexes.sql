-- The daily business report (SPEC §7: GET /api/admin/reports/daily) is three GROUP BY aggregates
-- over a range of UTC days: ledger movements by day and entry type (with distinct accounts), bets by
-- day and game-duration (with distinct players), outcomes by day and game-duration. Without an index
-- each reads its whole table (the ledger's primary key is (account_id, seq); nothing starts with a
-- time). An index that starts with the time would make each a range scan, but GROUP BY DATE(time)
-- would still sort every row of the range (on 30 days of 3 M entries, most of the report's time).
--
-- So each table gets its UTC day as a virtual generated column (computed, never stored in the row;
-- created_at and the others are UTC) and one covering index that starts with it, in the order the
-- report groups: a report reads only its days' part of each index, already in group order, and
-- never a table row ("Using index", no filesort in EXPLAIN). Distinct accounts and players come
-- next in the key, so they are counted as they stream by. The commission job's net stakes of a day
-- (MySqlJournalStore.ReadNetStakesAsync: stake and refund entries of [from, to), per account) read
-- the ledger's index too: created_at is in it.
--
-- Write cost: one more secondary index entry per row (ledger ≈ 3 + 1 + 8 + 8 + 8 + 8 bytes of key
-- plus the primary key's 16; bets and outcomes ≈ their day, game, two columns and the bet id), in
-- the current day's part of the index, which every write touches and so stays in memory.
-- docs/BENCHMARKS.md has the figures. The columns are added instantly and the indexes in place,
-- without blocking writes.
ALTER TABLE ledger_entries ADD COLUMN created_day DATE AS (DATE(created_at)) VIRTUAL, ALGORITHM = INSTANT;
ALTER TABLE ledger_entries
    ADD INDEX ix_ledger_entries_day_type (created_day, entry_type, account_id, amount, held_change, created_at),
    ALGORITHM = INPLACE, LOCK = NONE;

ALTER TABLE bets ADD COLUMN placed_day DATE AS (DATE(placed_at)) VIRTUAL, ALGORITHM = INSTANT;
ALTER TABLE bets
    ADD INDEX ix_bets_day_game (placed_day, game, user_id, stake),
    ALGORITHM = INPLACE, LOCK = NONE;

ALTER TABLE bet_outcomes ADD COLUMN settled_day DATE AS (DATE(settled_at)) VIRTUAL, ALGORITHM = INSTANT;
ALTER TABLE bet_outcomes
    ADD INDEX ix_bet_outcomes_day_game (settled_day, game, outcome, payout),
    ALGORITHM = INPLACE, LOCK = NONE;
