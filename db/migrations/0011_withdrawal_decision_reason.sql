-- An admin may give a reason with a withdrawal's decision (SPEC §7: POST /api/admin/withdrawals/
-- {withdrawal_id}/approve and /reject with an optional {"reason": …}, trimmed, at most 500
-- characters). It is written in the same transaction as the decision and the entry that pays or
-- releases the funds, and read back with the withdrawal (GET /api/admin/withdrawals). Decisions made
-- before this column existed have none (NULL).
ALTER TABLE withdrawals
    ADD COLUMN decision_reason VARCHAR(500) NULL AFTER decided_at;
