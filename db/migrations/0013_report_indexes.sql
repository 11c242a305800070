-- The daily business reports (SPEC §7: GET /api/admin/reports/daily) are GROUP BY aggregates over a
-- range of days: ledger movements by UTC day and entry type, bets by day and game-duration, outcomes
-- by day and game-duration. Without these indexes each is a scan of the whole table (the ledger's
-- primary key is (account_id, seq), and no index starts with a time). With them each is a range scan
-- of one covering index that holds every column the query reads, so no table row is visited
-- ("Using index" in EXPLAIN), and a day of a multi-million-entry journal reads only that day's part.
-- The commission job's ReadNetStakesAsync (created_at range, entry_type, per account) is served by
-- the ledger's index too.
--
-- Write cost: one more secondary index entry per row of each table (ledger: created_at 8 bytes,
-- entry_type 1, amount 8, held_change 8, plus the primary key 16 ≈ 41 bytes of key; bets: placed_at,
-- game, user_id, stake + bet_id; bet_outcomes: settled_at, game, outcome, payout + bet_id). The time
-- column leads, and rows are written in time order, so new entries land at the right-hand end of
-- each index: appends to hot pages, no random page splits. docs/BENCHMARKS.md has the figures.
-- account_id is part of the primary key and so of every secondary index anyway; it is named to say
-- the index covers COUNT(DISTINCT account_id). Added in place, without blocking writes.
ALTER TABLE ledger_entries
    ADD INDEX ix_ledger_entries_time_type (created_at, entry_type, amount, held_change, account_id),
    ALGORITHM = INPLACE, LOCK = NONE;

ALTER TABLE bets
    ADD INDEX ix_bets_time_game (placed_at, game, user_id, stake),
    ALGORITHM = INPLACE, LOCK = NONE;

ALTER TABLE bet_outcomes
    ADD INDEX ix_bet_outcomes_time_game (settled_at, game, outcome, payout),
    ALGORITHM = INPLACE, LOCK = NONE;
