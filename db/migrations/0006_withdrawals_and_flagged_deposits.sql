-- Withdrawal requests and their decisions, and deposits credited past a responsible-play rule.
-- Each row is written in the same transaction as the ledger entry it belongs to (the hold, the
-- payment or release, the deposit), so a hold without its request cannot exist. Append-only: a
-- decision is a row of its own, never an update of the request.
CREATE TABLE withdrawals
(
    withdrawal_id VARCHAR(64) NOT NULL,
    user_id BIGINT NOT NULL,
    amount BIGINT NOT NULL,
    requested_at DATETIME(6) NOT NULL,
    PRIMARY KEY (withdrawal_id),
    INDEX ix_withdrawals_time (requested_at),
    INDEX ix_withdrawals_user_time (user_id, requested_at),
    CONSTRAINT ck_withdrawals_positive CHECK (amount > 0)
) ENGINE = InnoDB;

CREATE TABLE withdrawal_decisions
(
    withdrawal_id VARCHAR(64) NOT NULL,
    paid TINYINT NOT NULL,
    decided_by BIGINT NOT NULL,
    decided_at DATETIME(6) NOT NULL,
    PRIMARY KEY (withdrawal_id)
) ENGINE = InnoDB;

CREATE TABLE flagged_deposits
(
    order_id VARCHAR(128) NOT NULL,
    user_id BIGINT NOT NULL,
    amount BIGINT NOT NULL,
    reason TINYINT NOT NULL,
    detail VARCHAR(500) NOT NULL,
    credited_at DATETIME(6) NOT NULL,
    PRIMARY KEY (order_id),
    INDEX ix_flagged_deposits_time (credited_at)
) ENGINE = InnoDB;
