namespace GameServer.Wallet;

/// <summary>Spendable funds and funds held for pending withdrawals.</summary>
[GenerateSerializer, Immutable]
public sealed record Balance(
    [property: Id(0)] Money Available,
    [property: Id(1)] Money Held,
    [property: Id(2)] long LastSeq);

/// <summary>One page of an account's ledger, newest first.</summary>
[GenerateSerializer, Immutable]
public sealed record LedgerPage(
    [property: Id(0)] IReadOnlyList<LedgerEntry> Entries,
    [property: Id(1)] int Page,
    [property: Id(2)] int Limit,
    [property: Id(3)] long Total);
