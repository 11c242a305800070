-- The journal: the ledger (source of truth for every balance), bets, their outcomes, and each
-- period's seed and result. Append-only; nothing here is ever updated in place.
CREATE TABLE ledger_entries
(
    account_id BIGINT NOT NULL,
    seq BIGINT NOT NULL,
    operation_id VARCHAR(160) NOT NULL,
    entry_type TINYINT NOT NULL,
    amount BIGINT NOT NULL,
    held_change BIGINT NOT NULL,
    balance_after BIGINT NOT NULL,
    held_after BIGINT NOT NULL,
    reference VARCHAR(200) NOT NULL,
    memo VARCHAR(500) NULL,
    created_at DATETIME(6) NOT NULL,
    PRIMARY KEY (account_id, seq),
    UNIQUE KEY ux_ledger_entries_operation (account_id, operation_id),
    CONSTRAINT ck_ledger_entries_not_negative CHECK (balance_after >= 0 AND held_after >= 0)
) ENGINE = InnoDB;

CREATE TABLE bets
(
    bet_id VARCHAR(64) NOT NULL,
    user_id BIGINT NOT NULL,
    game VARCHAR(16) NOT NULL,
    period_id CHAR(14) NOT NULL,
    bet_type VARCHAR(24) NOT NULL,
    bet_value VARCHAR(16) NOT NULL,
    bet_position CHAR(1) NULL,
    stake BIGINT NOT NULL,
    placed_at DATETIME(6) NOT NULL,
    PRIMARY KEY (bet_id),
    INDEX ix_bets_user_time (user_id, placed_at),
    INDEX ix_bets_period (game, period_id, user_id)
) ENGINE = InnoDB;

CREATE TABLE bet_outcomes
(
    bet_id VARCHAR(64) NOT NULL,
    user_id BIGINT NOT NULL,
    game VARCHAR(16) NOT NULL,
    period_id CHAR(14) NOT NULL,
    outcome TINYINT NOT NULL,
    payout BIGINT NOT NULL,
    settled_at DATETIME(6) NOT NULL,
    PRIMARY KEY (bet_id)
) ENGINE = InnoDB;

CREATE TABLE game_periods
(
    game VARCHAR(16) NOT NULL,
    period_id CHAR(14) NOT NULL,
    seed BINARY(32) NOT NULL,
    opened_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    PRIMARY KEY (game, period_id)
) ENGINE = InnoDB;

CREATE TABLE period_results
(
    game VARCHAR(16) NOT NULL,
    period_id CHAR(14) NOT NULL,
    commit_hash CHAR(64) NOT NULL,
    seed CHAR(64) NOT NULL,
    result VARCHAR(32) NOT NULL,
    result_hash CHAR(64) NULL,
    ends_at DATETIME(6) NOT NULL,
    drawn_at DATETIME(6) NOT NULL,
    PRIMARY KEY (game, period_id)
) ENGINE = InnoDB;
