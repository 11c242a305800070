-- A withdrawal names one of the player's saved payout methods (SPEC §5, POST /api/wallet/withdraw
-- {amount, method_id}); the method's destination is copied into the request, unmasked, in the same
-- transaction as the hold, so finance staff pay where the player asked even if the method is changed or
-- removed later. payout_kind is the kind's wire name (bank, upi, usdt_trc20); payout_destination that
-- kind's fields by their wire names ({"holder_name", "account_number", "ifsc"}, {"vpa"} or {"address"}).
-- Withdrawals requested before these columns existed have none (NULL).
ALTER TABLE withdrawals
    ADD COLUMN payout_method_id VARCHAR(32) NULL AFTER decision_reason,
    ADD COLUMN payout_kind VARCHAR(16) NULL AFTER payout_method_id,
    ADD COLUMN payout_destination VARCHAR(1024) NULL AFTER payout_kind,
    ADD CONSTRAINT ck_withdrawals_payout CHECK ((payout_kind IS NULL) = (payout_destination IS NULL));
