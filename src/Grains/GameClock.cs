namespace GameServer.Grains;

/// <summary>
/// The clock the game rules read: the schedule, bets, limits and days. Kept apart from the
/// <see cref="TimeProvider"/> Orleans itself runs on, so that tests can move game time by hours
/// without the silos' own timers, leases and health checks believing the machine stalled.
/// </summary>
public sealed class GameClock(TimeProvider time)
{
    public static GameClock System { get; } = new(TimeProvider.System);

    public DateTimeOffset GetUtcNow() => time.GetUtcNow();
}
