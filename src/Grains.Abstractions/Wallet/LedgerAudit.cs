namespace GameServer.Wallet;

/// <summary>The conservation check of SPEC §1 over every account in the journal.</summary>
[GenerateSerializer, Immutable]
public sealed record AuditReport(
    [property: Id(0)] bool Conserved,
    [property: Id(1)] long Accounts,
    [property: Id(2)] long Entries,
    [property: Id(3)] Money TotalBalances,
    [property: Id(4)] Money TotalHeld,
    [property: Id(5)] IReadOnlyDictionary<LedgerEntryType, Money> TotalsByType,
    [property: Id(6)] Money ExpectedTotal,
    [property: Id(7)] IReadOnlyList<string> Violations,
    [property: Id(8)] DateTimeOffset CheckedAt);
