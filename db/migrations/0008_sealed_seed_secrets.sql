-- Day secrets are sealed with AES-256-GCM under Fairness:SeedSecretKey (SeedSecretSealer: 61 bytes,
-- version, nonce, tag, ciphertext; the game and day are its associated data), so that a copy of the
-- database or a backup gives no result away. The chains 0007 stored in the clear are dropped: SQL
-- cannot seal them, and no Production deployment ran 0007 alone. The calendar makes the chains of the
-- days not yet begun again at its next run; a day already begun has none (no bets) unless late chains
-- are accepted (docs/FAIRNESS.md). Periods already opened keep their stored seeds.
DELETE FROM seed_chains;
ALTER TABLE seed_chains
    DROP COLUMN secret,
    ADD COLUMN sealed_secret VARBINARY(64) NOT NULL AFTER day;
