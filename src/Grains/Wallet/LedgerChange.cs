using GameServer.Games;
using GameServer.Grains.Journal;
using GameServer.Wallet;

namespace GameServer.Grains.Wallet;

/// <summary>
/// One change a wallet asks of its ledger: the entry's operation id, type, signed amounts (minor
/// units) and reference, plus the records the journal writes in the same durable step (the bet a
/// stake pays for, the withdrawal a hold is for, the decision that pays or releases it, the flag of
/// a deposit credited past a limit).
/// </summary>
internal sealed record LedgerChange(
    string OperationId,
    LedgerEntryType Type,
    Money Amount,
    Money HeldChange,
    string Reference,
    string? Memo = null)
{
    public BetRecord? Bet { get; init; }

    public Withdrawal? Withdrawal { get; init; }

    public WithdrawalDecision? Decision { get; init; }

    public FlaggedDeposit? Flag { get; init; }

    /// <summary>Whether the memo is part of what was asked (an admin's reason), so a repeat with another memo is a different request.</summary>
    public bool MemoIsPartOfRequest { get; init; }

    /// <summary>True when an entry already written under this operation id answers this very request.</summary>
    public bool IsAnsweredBy(LedgerEntry earlier) =>
        earlier.Type == Type && earlier.Amount == Amount && earlier.HeldChange == HeldChange && earlier.Reference == Reference
        && (!MemoIsPartOfRequest || earlier.Memo == Memo);

    public JournalAppend ToAppend(LedgerEntry entry) => new(entry, Bet, Withdrawal, Decision, Flag);
}

/// <summary>What applying a change gave: the entry, and whether this call appended it or found it written before.</summary>
internal readonly record struct Applied(LedgerEntry Entry, bool Appended);
