-- One seed chain per game-duration per UTC day (SPEC §3 rule 5): the secret the day's seeds are
-- hashed down from, and the day's anchor (SHA-256 of the first seed), published when the chain is
-- made, at least a day ahead. The first chain stored for a day stays: a chain is never remade.
CREATE TABLE seed_chains
(
    game VARCHAR(16) NOT NULL,
    day DATE NOT NULL,
    secret BINARY(32) NOT NULL,
    anchor CHAR(64) NOT NULL,
    created_at DATETIME(6) NOT NULL,
    PRIMARY KEY (game, day),
    INDEX ix_seed_chains_day (day)
) ENGINE = InnoDB;
