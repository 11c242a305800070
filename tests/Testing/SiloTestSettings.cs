namespace GameServer.Testing;

/// <summary>Settings every test silo starts with, before a test's own.</summary>
public static class SiloTestSettings
{
    /// <summary>
    /// Tests register many players at once, at the production cost of a hash: the hashing pool lets
    /// them queue instead of refusing them. The refusal itself has tests of its own, which set these.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string?> Defaults = new Dictionary<string, string?>
    {
        ["Passwords:MaxQueuedHashes"] = "100000",
        ["Passwords:MaxQueueWait"] = "00:05:00",

        // Tests withdraw to a method saved a moment before; the cooling-off has tests of its own, which set it.
        ["Wallet:PayoutMethodCoolingOff"] = "00:00:00",
    };
}
