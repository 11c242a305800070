-- The staff audit trail (SPEC §4): every staff action (withdrawal approved or rejected, credit, debit,
-- suspension, reinstatement, role change, VIP override, announcement) with who, when, what and why.
-- Append-only: the server only ever inserts. action_id is unique, so an action retried after a lost reply
-- is recorded once; a money action's row is written in the same transaction as its ledger entry.
-- Read newest first by player (a player's own view and staff lookups) or by staff member.
CREATE TABLE staff_actions
(
    action_seq BIGINT NOT NULL AUTO_INCREMENT,
    action_id VARCHAR(200) NOT NULL,
    staff_id BIGINT NOT NULL,
    action TINYINT NOT NULL,
    player_id BIGINT NULL,
    subject VARCHAR(200) NOT NULL,
    reason VARCHAR(500) NULL,
    acted_at DATETIME(6) NOT NULL,
    PRIMARY KEY (action_seq),
    UNIQUE KEY ux_staff_actions_action (action_id),
    INDEX ix_staff_actions_player (player_id, action_seq),
    INDEX ix_staff_actions_staff (staff_id, action_seq)
) ENGINE = InnoDB;
