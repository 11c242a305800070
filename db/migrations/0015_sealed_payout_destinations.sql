-- A withdrawal's payout destination is sealed at rest with AES-256-GCM under Wallet:PayoutSealingKey
-- (PayoutSealer: version, key id, nonce, tag, ciphertext of the destination's JSON; the withdrawal and player
-- ids are its associated data, so a value moved to another row does not open), so that a copy of the database
-- or a backup gives no account number away. New rows write payout_sealed only; payout_kind stays in the clear
-- (it says bank, upi or usdt_trc20, nothing of the account).
--
-- Rows written before this migration hold the destination in the clear in payout_destination. SQL cannot
-- seal them, and reading both forms forever would leave those account numbers in every later backup, so each
-- Production silo, when it starts, seals them from the silo (WithdrawalDestinationResealing: batched, each row
-- updated only if it still holds what was read, payout_destination set to NULL in the same UPDATE) and the
-- reader still reads a plain row meanwhile (and after a rolling upgrade until the last new silo has started).
-- The same job reseals rows sealed under a key moved to Wallet:PreviousPayoutSealingKeys. The plain column
-- stays for those rows; a later migration may drop it once no row holds a value there.
--
-- The sealed value is the JSON (at most 1,024 characters, as payout_destination) plus 33 bytes.
ALTER TABLE withdrawals DROP CONSTRAINT ck_withdrawals_payout;
ALTER TABLE withdrawals
    ADD COLUMN payout_sealed VARBINARY(1100) NULL AFTER payout_destination,
    ADD CONSTRAINT ck_withdrawals_payout CHECK ((payout_kind IS NULL) = (payout_destination IS NULL AND payout_sealed IS NULL));
