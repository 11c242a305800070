namespace GameServer.Grains.Games;

/// <summary>The <c>Fairness</c> section: how seed chains are published and kept (SPEC §3 rule 5, docs/FAIRNESS.md).</summary>
public sealed class FairnessOptions
{
    public const string Section = "Fairness";

    /// <summary>
    /// Whether a game takes bets on a chain published less than 24 hours before its day. Off in
    /// Production: a day's chain is first made two days ahead, so a first deployment, or a cluster that
    /// was down for the whole of day D − 2, has no chain in time for day D and takes no bets that day,
    /// unless the operator turns this on for the start-up. The Development profile turns it on unless
    /// set (its journal is empty at every start). The archive and the anchors list mark every late chain.
    /// </summary>
    public bool AcceptLateChains { get; set; }

    /// <summary>
    /// The 32-byte key (base64) that seals the day secrets in the database (AES-256-GCM), so that a copy
    /// of the database or a backup does not give away days not yet played. Required by the Production
    /// profile; every silo of a cluster has the same one.
    /// </summary>
    public string? SeedSecretKey { get; set; }
}
