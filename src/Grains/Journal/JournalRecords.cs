using GameServer.Games;
using GameServer.Wallet;

namespace GameServer.Grains.Journal;

public enum AppendOutcome
{
    Appended,

    /// <summary>The account already has an entry with this operation id: the operation happened before.</summary>
    DuplicateOperation,

    /// <summary>The account already has an entry with this seq: someone else wrote it; reload and retry.</summary>
    SeqConflict,
}

[GenerateSerializer, Immutable]
public sealed record AppendResult([property: Id(0)] AppendOutcome Outcome, [property: Id(1)] LedgerEntry? Existing = null)
{
    public static readonly AppendResult Appended = new(AppendOutcome.Appended);
}

/// <summary>
/// One ledger entry to append with the records that belong to it and are written exactly when it is:
/// the bet a stake pays for, the withdrawal request a hold is for, the decision a paid or released
/// withdrawal carries out, the flag of a deposit credited past a responsible-play rule, the staff audit
/// record of a staff member's money action (an approval, a rejection, a credit, a debit).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record JournalAppend(
    [property: Id(0)] LedgerEntry Entry,
    [property: Id(1)] BetRecord? Bet = null,
    [property: Id(2)] Withdrawal? Withdrawal = null,
    [property: Id(3)] WithdrawalDecision? Decision = null,
    [property: Id(4)] FlaggedDeposit? Flag = null,
    [property: Id(5)] GameServer.Players.StaffAction? Action = null);

/// <summary>A period's seed, stored when the period opens.</summary>
[GenerateSerializer, Immutable]
public sealed record OpenedPeriod([property: Id(0)] GameKey Game, [property: Id(1)] string PeriodId, [property: Id(2)] byte[] Seed);

/// <summary>A day's seed chain (SPEC §3 rule 5): its secret (plain here; a store may seal it at rest), its anchor (hex) and when it was made.</summary>
[GenerateSerializer, Immutable]
public sealed record StoredSeedChain(
    [property: Id(0)] GameKey Game,
    [property: Id(1)] DateOnly Day,
    [property: Id(2)] byte[] Secret,
    [property: Id(3)] string Anchor,
    [property: Id(4)] DateTimeOffset CreatedAt);

/// <summary>What one period's bets staked, paid and refunded (minor units), and how many still have no outcome.</summary>
public sealed record PeriodBetTotals(string PeriodId, long Bets, Money Staked, Money Paid, Money Refunded, long Unsettled);

/// <summary>What was staked on one selection, refunded bets left out.</summary>
public sealed record SelectionStake(BetSelection Selection, Money Staked);
