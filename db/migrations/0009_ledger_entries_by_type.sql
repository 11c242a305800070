-- A player's (or an admin's view of a player's) ledger filtered by entry type (SPEC §7:
-- GET /api/wallet/transactions?type=, GET /api/admin/users/{user_id}/transactions?type=): the page,
-- newest first, and its count read only that type's rows instead of every entry of the account (an
-- active player has thousands of stakes and payouts for each deposit). One more small secondary index
-- on the ledger (17 bytes of key per entry); a new entry has its account's highest seq, so it lands at
-- the end of its (account, type) range. Added in place, without blocking writes.
ALTER TABLE ledger_entries
    ADD INDEX ix_ledger_entries_account_type (account_id, entry_type, seq),
    ALGORITHM = INPLACE, LOCK = NONE;
