namespace GameServer.Testing;

public static class TestClock
{
    private static readonly TimeSpan Alignment = TimeSpan.FromMinutes(10);

    /// <summary>
    /// One second after the latest ten-minute boundary: every period of every game (30 s to 600 s)
    /// starts on such a boundary, so all of them take bets at this instant.
    /// </summary>
    public static DateTimeOffset AlignedStart()
    {
        var now = DateTimeOffset.UtcNow;
        return new DateTimeOffset(now.UtcTicks - (now.UtcTicks % Alignment.Ticks), TimeSpan.Zero).AddSeconds(1);
    }
}
