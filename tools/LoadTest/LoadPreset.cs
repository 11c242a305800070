namespace GameServer.LoadTest;

/// <summary>What a phase's outcome means for the run.</summary>
public enum PhaseRole
{
    /// <summary>Reported, never judged: caches, JIT and activations settle here.</summary>
    WarmUp,

    /// <summary>Must hold the thresholds; the run fails when it does not.</summary>
    Gate,

    /// <summary>Beyond the target: the run goes on until one breaks and reports where.</summary>
    Stress,

    /// <summary>
    /// The servers are being disturbed (restarted one by one): failures are counted and reported, never
    /// judged; the phase lasts until the disturbance is over (<c>--until-file</c>), its hold at most.
    /// </summary>
    Disturbed,
}

/// <summary>Grow to <see cref="Users"/> over <see cref="Ramp"/>, then hold them for <see cref="Hold"/>.</summary>
public sealed record LoadPhase(string Name, int Users, TimeSpan Ramp, TimeSpan Hold, PhaseRole Role)
{
    public TimeSpan Duration => Ramp + Hold;
}

/// <summary>Who the virtual users are.</summary>
public enum LoadMix
{
    /// <summary>40 % players, 30 % anonymous watchers, 20 % financial, 10 % browsing (the first capacity runs).</summary>
    Scenarios,

    /// <summary>
    /// Players as they use the app, every one holding a live connection to the game screen it is on:
    /// 60 % lurkers, 25 % casual, 10 % active, 4 % high rollers, 1 % admins.
    /// </summary>
    Players,
}

public sealed record LoadPreset(string Name, IReadOnlyList<LoadPhase> Phases, TimeSpan ThinkMin, TimeSpan ThinkMax, double P95LimitMs, LoadMix Mix = LoadMix.Scenarios)
{
    public int MaxUsers => Phases.Max(phase => phase.Users);

    /// <summary>
    /// The servers restart during the run: requests that fail for want of a server are retried (the same
    /// Idempotency-Key, the next frontend) and hub connections that drop connect again, as real clients do.
    /// </summary>
    public bool ExpectsRestarts => Phases.Any(phase => phase.Role == PhaseRole.Disturbed);

    /// <summary>The largest phase that must hold: the figure the preset is about.</summary>
    public LoadPhase Target => Phases.Where(phase => phase.Role == PhaseRole.Gate).MaxBy(phase => phase.Users)!;

    public static LoadPreset For(string name, int? users) => name switch
    {
        "smoke" => Smoke(users ?? 300),
        "capacity" => Capacity(users ?? 20_000),
        "players" => Players(users ?? 20_000),
        "rolling" => Rolling(users ?? 200),
        _ => throw new ArgumentException($"Unknown preset '{name}': smoke, capacity, players or rolling."),
    };

    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    /// <summary>About a minute: the CI gate.</summary>
    private static LoadPreset Smoke(int users) => new("smoke",
    [
        new("warm-up", users, 15 * Second, TimeSpan.Zero, PhaseRole.WarmUp),
        new("sustained", users, TimeSpan.Zero, 45 * Second, PhaseRole.Gate),
    ], Second, 3 * Second, 100);

    /// <summary>
    /// The smoke's mix while every silo and frontend restarts one by one (scripts/loadtest.sh rolling): a
    /// warm-up, the restart (as long as it takes, ten minutes at most), a few seconds to settle, then the
    /// servers must serve again with no error, and every watcher hear a result of its 30-second game again. Latency is not what this preset is about: its limit only
    /// says the cluster answers (the new processes are still compiling their code).
    /// </summary>
    private static LoadPreset Rolling(int users) => new("rolling",
    [
        new("warm-up", users, 15 * Second, TimeSpan.Zero, PhaseRole.WarmUp),
        new("rolling restart", users, TimeSpan.Zero, 600 * Second, PhaseRole.Disturbed),
        new("settle", users, TimeSpan.Zero, 5 * Second, PhaseRole.WarmUp),
        new("after", users, TimeSpan.Zero, 30 * Second, PhaseRole.Gate),
    ], Second, 3 * Second, 1000);

    /// <summary>
    /// Every player connected (SPEC §7 hub) and acting by type: the target reached over two minutes, then
    /// held three. Lurkers browse results and trends every 10–30 s; the others bet by their game's periods.
    /// </summary>
    private static LoadPreset Players(int users) => new("players",
    [
        new("connect", users, 120 * Second, TimeSpan.Zero, PhaseRole.WarmUp),
        new("held", users, TimeSpan.Zero, 180 * Second, PhaseRole.Gate),
    ], 10 * Second, 30 * Second, 100, LoadMix.Players);

    /// <summary>
    /// A half and three quarters of the target, then the target held three minutes, then a quarter
    /// more at a time until the thresholds break (at most twice the target): the last phase that held
    /// is the machine's capacity.
    /// </summary>
    private static LoadPreset Capacity(int users) => new("capacity",
    [
        new("warm-up", users / 4, 60 * Second, TimeSpan.Zero, PhaseRole.WarmUp),
        new("sustained 50 %", users / 2, 30 * Second, 60 * Second, PhaseRole.Gate),
        new("sustained 75 %", users * 3 / 4, 30 * Second, 60 * Second, PhaseRole.Gate),
        new("peak", users, 60 * Second, 180 * Second, PhaseRole.Gate),
        new("stress 125 %", users * 5 / 4, 30 * Second, 60 * Second, PhaseRole.Stress),
        new("stress 150 %", users * 3 / 2, 30 * Second, 60 * Second, PhaseRole.Stress),
        new("stress 175 %", users * 7 / 4, 30 * Second, 60 * Second, PhaseRole.Stress),
        new("stress 200 %", users * 2, 30 * Second, 60 * Second, PhaseRole.Stress),
    ], 5 * Second, 15 * Second, 100);
}
