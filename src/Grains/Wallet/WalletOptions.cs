using System.ComponentModel.DataAnnotations;

namespace GameServer.Grains.Wallet;

/// <summary>The <c>Wallet</c> section.</summary>
public sealed class WalletOptions
{
    public const string Section = "Wallet";

    /// <summary>A raised limit waits this long before it applies (SPEC §6).</summary>
    public TimeSpan LimitIncreaseDelay { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How long a newly added or changed payout method waits before it can receive a withdrawal (SPEC §5):
    /// someone who took over an account cannot send its money to a new destination at once, and the player
    /// has that long to notice. Zero lets a method be used at once (load runs, tests of other rules).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan PayoutMethodCoolingOff { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How long a pending deposit order counts against the daily deposit limit (SPEC §6) if its
    /// gateway never reports back. A payment confirmed later is still credited, and flagged if it
    /// passes the limit then.
    /// </summary>
    public TimeSpan DepositOrderLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a frontend's watch of a balance lasts unless renewed (<see cref="GameServer.Wallet.IWalletGrain.Watch"/>).</summary>
    public TimeSpan WatchExpiry { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>How far back a bet history reaches when the player names no start date.</summary>
    public TimeSpan BetHistoryDays { get; set; } = TimeSpan.FromDays(90);

    /// <summary>
    /// The 32-byte key (base64) that seals payout destinations at rest (AES-256-GCM, <see cref="PayoutSealer"/>):
    /// saved methods in grain state and each withdrawal's copy in the journal, so a copy of the database or a
    /// backup gives no account number away. Required by the Production profile, the same on every silo; the
    /// Development profile uses a fixed development key when it is not set (its state is in memory).
    /// </summary>
    public string? PayoutSealingKey { get; set; }

    /// <summary>
    /// Keys replaced by <see cref="PayoutSealingKey"/>, each 32 bytes of base64: still accepted for opening (a value
    /// says by its key id which key sealed it) and resealed under the current key when read, so a key can be
    /// rotated without downtime (docs/OPERATIONS.md, "Secrets and keys"). Empty by default.
    /// </summary>
    public List<string> PreviousPayoutSealingKeys { get; set; } = [];

    /// <summary>Operation ids remembered in memory per wallet before the journal is asked instead.</summary>
    [Range(1, int.MaxValue)]
    public int RecentOperationsRemembered { get; set; } = 512;
}
