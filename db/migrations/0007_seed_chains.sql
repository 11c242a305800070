-- One seed chain per game-duration per UTC day (SPEC §3 rule 5): the secret the day's seeds are
-- hashed down from, sealed with AES-256-GCM under Fairness:SeedSecretKey (61 bytes: version, nonce,
-- tag, ciphertext; the game and day are its associated data), and the day's anchor (SHA-256 of the
-- first seed), published when the chain is made. created_at is that publication: a chain made less
-- than 24 hours before its day is late (docs/FAIRNESS.md). The first chain stored for a day stays.
CREATE TABLE seed_chains
(
    game VARCHAR(16) NOT NULL,
    day DATE NOT NULL,
    sealed_secret VARBINARY(64) NOT NULL,
    anchor CHAR(64) NOT NULL,
    created_at DATETIME(6) NOT NULL,
    PRIMARY KEY (game, day),
    INDEX ix_seed_chains_day (day)
) ENGINE = InnoDB;
