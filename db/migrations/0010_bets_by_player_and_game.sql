-- A player's bet history filtered by game and duration (SPEC §7: GET /api/users/{user_id}/bet-history
-- ?game&duration, with the date window). bets.game holds the game-duration ("wingo-60"), so a filter
-- is one key (game and duration) or a few (game only, or duration only). With (player, game, time) a
-- single key reads its page newest first straight from the index and stops at the page's end, and
-- every count is read from the index alone; the unfiltered history keeps ix_bets_user_time.
-- Added in place, without blocking writes.
ALTER TABLE bets
    ADD INDEX ix_bets_user_game_time (user_id, game, placed_at),
    ALGORITHM = INPLACE, LOCK = NONE;
