using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Konscious.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace GameServer.Grains.Players;

/// <summary>Argon2id cost parameters. Defaults are the OWASP minimum (m = 19 MiB, t = 2, p = 1).</summary>
public sealed class PasswordHashingOptions
{
    public const string Section = "Passwords";

    public int MemoryKiB { get; set; } = 19 * 1024;
    public int Iterations { get; set; } = 2;
    public int Parallelism { get; set; } = 1;
}

/// <summary>
/// Argon2id in the PHC string format (<c>$argon2id$v=19$m=…,t=…,p=…$salt$hash</c>), so every hash
/// carries its parameters and an old one can be recognised and upgraded at login.
/// </summary>
public sealed class PasswordHasher(IOptions<PasswordHashingOptions> options)
{
    private const int SaltBytes = 16;
    private const int HashBytes = 32;
    private const string Prefix = "$argon2id$v=19$";

    private readonly PasswordHashingOptions cost = options.Value;
    /// <summary>Made once, at the configured cost, when the silo starts (one hash's time).</summary>
    private readonly string dummyHash = Encode(DummyPassword, new byte[SaltBytes], options.Value);

    private const string DummyPassword = "no account has this password";

    /// <summary>Hashes on the thread pool: a grain awaiting this does not hold a scheduler thread for ~50 ms.</summary>
    public Task<string> HashAsync(string password) => Task.Run(() => Encode(password, RandomNumberGenerator.GetBytes(SaltBytes), cost));

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

    public static Task<bool> VerifyAsync(string password, string encoded) => Task.Run(() =>
    {
        if (!TryParse(encoded, out var parameters))
        {
            return false;
        }

        var actual = Compute(password, parameters.Salt, parameters.MemoryKiB, parameters.Iterations, parameters.Parallelism);
        return CryptographicOperations.FixedTimeEquals(actual, parameters.Hash);
    });

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
