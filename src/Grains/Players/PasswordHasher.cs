using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Konscious.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace GameServer.Grains.Players;

/// <summary>
/// The <c>Passwords</c> section: Argon2id cost (defaults are the OWASP minimum, m = 19 MiB, t = 2, p = 1)
/// and how many hashes a silo computes at once.
/// </summary>
public sealed class PasswordHashingOptions
{
    public const string Section = "Passwords";

    [Range(1024, int.MaxValue)]
    public int MemoryKiB { get; set; } = 19 * 1024;

    [Range(1, int.MaxValue)]
    public int Iterations { get; set; } = 2;

    [Range(1, 64)]
    public int Parallelism { get; set; } = 1;

    /// <summary>
    /// Hashes computed at once on this silo. A hash is tens of milliseconds of one core's time, so by
    /// default one core is left to everything else (bets, reads, settlement) however many logins arrive.
    /// </summary>
    [Range(1, 1024)]
    public int MaxConcurrentHashes { get; set; } = Math.Max(1, Environment.ProcessorCount - 1);

    /// <summary>Hashes that may wait for a free slot; one more is refused at once.</summary>
    [Range(0, 100_000)]
    public int MaxQueuedHashes { get; set; } = 32;

    /// <summary>How long a hash may wait for a free slot before its login or registration is refused (503, retry shortly).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan MaxQueueWait { get; set; } = TimeSpan.FromMilliseconds(500);
}

/// <summary>
/// Argon2id in the PHC string format (<c>$argon2id$v=19$m=…,t=…,p=…$salt$hash</c>), so every hash
/// carries its parameters and an old one can be recognised and upgraded at login. Every hash and check
/// runs on a bounded pool (<see cref="PasswordHashingOptions.MaxConcurrentHashes"/>): a login storm waits
/// its turn for a short while and is then refused with <see cref="ErrorKind.Unavailable"/> (503 with
/// Retry-After), instead of taking every core from the players already in a game (OWASP Password
/// Storage Cheat Sheet: the cost is per guess, so it must be paid, but not by everyone else).
/// </summary>
public sealed class PasswordHasher(IOptions<PasswordHashingOptions> options) : IDisposable
{
    /// <summary>What a refused login or registration says.</summary>
    public const string Busy = "Too many sign-ins just now; please retry in a moment.";

    private const int SaltBytes = 16;
    private const int HashBytes = 32;
    private const string Prefix = "$argon2id$v=19$";

    private readonly PasswordHashingOptions cost = options.Value;
    private readonly ConcurrencyLimiter pool = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = options.Value.MaxConcurrentHashes,
        QueueLimit = options.Value.MaxQueuedHashes,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    /// <summary>Made once, at the configured cost, when the silo starts (one hash's time).</summary>
    private readonly string dummyHash = Encode(DummyPassword, new byte[SaltBytes], options.Value);

    private const string DummyPassword = "no account has this password";

    /// <summary>Hashes on the pool, off the grain's scheduler thread.</summary>
    /// <exception cref="GameServerException">Unavailable when no slot frees within the wait.</exception>
    public Task<string> HashAsync(string password) => RunAsync(() => Encode(password, RandomNumberGenerator.GetBytes(SaltBytes), cost));

    /// <summary>
    /// Spends exactly what checking a password costs, against a hash no password of a player matches:
    /// a login for an unknown account takes as long as one with a wrong password.
    /// </summary>
    public Task VerifyAgainstDummyAsync(string password) => VerifyAsync(password, dummyHash);

    private static string Encode(string password, byte[] salt, PasswordHashingOptions cost)
    {
        var hash = Compute(password, salt, cost.MemoryKiB, cost.Iterations, cost.Parallelism);
        return string.Create(CultureInfo.InvariantCulture,
            $"{Prefix}m={cost.MemoryKiB},t={cost.Iterations},p={cost.Parallelism}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }

    /// <summary>Whether <paramref name="password"/> matches <paramref name="encoded"/>, checked on the pool.</summary>
    /// <exception cref="GameServerException">Unavailable when no slot frees within the wait.</exception>
    public Task<bool> VerifyAsync(string password, string encoded) => RunAsync(() =>
    {
        if (!TryParse(encoded, out var parameters))
        {
            return false;
        }

        var actual = Compute(password, parameters.Salt, parameters.MemoryKiB, parameters.Iterations, parameters.Parallelism);
        return CryptographicOperations.FixedTimeEquals(actual, parameters.Hash);
    });

    public void Dispose() => pool.Dispose();

    private async Task<T> RunAsync<T>(Func<T> work)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        RateLimitLease? lease = pool.AttemptAcquire();
        if (!lease.IsAcquired && cost.MaxQueueWait > TimeSpan.Zero)
        {
            lease.Dispose();
            lease = null;
            using var timeout = new CancellationTokenSource(cost.MaxQueueWait);
            try
            {
                lease = await pool.AcquireAsync(1, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                // Waited its whole allowance: refused below like a full queue.
            }
        }

        using (lease)
        {
            if (lease is not { IsAcquired: true })
            {
                GameServerMetrics.PasswordHashesRefused.Add(1);
                throw GameServerException.Unavailable(Busy);
            }

            GameServerMetrics.PasswordHashWait.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return await Task.Run(work);
        }
    }

    /// <summary>True when the stored hash is cheaper than the current policy and should be recomputed.</summary>
    public bool NeedsUpgrade(string encoded) =>
        !TryParse(encoded, out var parameters)
        || parameters.MemoryKiB < cost.MemoryKiB
        || parameters.Iterations < cost.Iterations;

    private static byte[] Compute(string password, byte[] salt, int memoryKiB, int iterations, int parallelism)
    {
        using var argon = new Argon2id(Encoding.UTF8.GetBytes(password))
        {
            Salt = salt,
            MemorySize = memoryKiB,
            Iterations = iterations,
            DegreeOfParallelism = parallelism,
        };
        return argon.GetBytes(HashBytes);
    }

    private static bool TryParse(string encoded, out (int MemoryKiB, int Iterations, int Parallelism, byte[] Salt, byte[] Hash) parameters)
    {
        parameters = default;
        if (!encoded.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = encoded[Prefix.Length..].Split('$');
        if (parts.Length != 3)
        {
            return false;
        }

        var costs = parts[0].Split(',').Select(part => part.Split('=')).ToDictionary(pair => pair[0], pair => pair.Length == 2 ? pair[1] : "");
        if (!costs.TryGetValue("m", out var m) || !int.TryParse(m, CultureInfo.InvariantCulture, out var memory)
            || !costs.TryGetValue("t", out var t) || !int.TryParse(t, CultureInfo.InvariantCulture, out var iterations)
            || !costs.TryGetValue("p", out var p) || !int.TryParse(p, CultureInfo.InvariantCulture, out var parallelism))
        {
            return false;
        }

        try
        {
            parameters = (memory, iterations, parallelism, Convert.FromBase64String(parts[1]), Convert.FromBase64String(parts[2]));
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
