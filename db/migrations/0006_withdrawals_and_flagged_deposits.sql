-- Withdrawal requests and deposits credited past a responsible-play rule. Each row is written in the
-- same transaction as the ledger entry it belongs to (the hold, the deposit), so a hold without its
-- request cannot exist; a request is decided once, in the same transaction as the entry that pays or
-- releases it (status 0 pending, 1 paid, 2 rejected).
CREATE TABLE withdrawals
(
    withdrawal_id VARCHAR(64) NOT NULL,
    user_id BIGINT NOT NULL,
    amount BIGINT NOT NULL,
    requested_at DATETIME(6) NOT NULL,
    status TINYINT NOT NULL DEFAULT 0,
    decided_by BIGINT NULL,
    decided_at DATETIME(6) NULL,
    PRIMARY KEY (withdrawal_id),
    INDEX ix_withdrawals_status_time (status, requested_at),
    INDEX ix_withdrawals_user_time (user_id, requested_at),
    CONSTRAINT ck_withdrawals_positive CHECK (amount > 0)
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
    INDEX ix_flagged_deposits_time (credited_at),
    INDEX ix_flagged_deposits_user_time (user_id, credited_at)
) ENGINE = InnoDB;

-- Withdrawals requested before this table existed are known from their ledger entries: the hold
-- (type 1, operation id "withdrawal:{id}") and the entry that paid it (type 3) or released it
-- (type 2, both under "withdrawal-settled:{id}", memo "decided by admin {id}"). Copied here so that
-- every hold has its request and stays decidable.
INSERT INTO withdrawals (withdrawal_id, user_id, amount, requested_at, status, decided_by, decided_at)
SELECT SUBSTRING(hold.operation_id, 12), hold.account_id, hold.held_change, hold.created_at,
       CASE decision.entry_type WHEN 3 THEN 1 WHEN 2 THEN 2 ELSE 0 END,
       CASE WHEN decision.memo LIKE 'decided by admin %' THEN CAST(SUBSTRING(decision.memo, 18) AS SIGNED) END,
       decision.created_at
FROM ledger_entries hold
LEFT JOIN ledger_entries decision
       ON decision.account_id = hold.account_id
      AND decision.operation_id = CONCAT('withdrawal-settled:', SUBSTRING(hold.operation_id, 12))
WHERE hold.entry_type = 1 AND hold.operation_id LIKE 'withdrawal:%';
