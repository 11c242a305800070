using GameServer.Games;
using GameServer.Grains.Journal;
using GameServer.Wallet;

namespace GameServer.Grains.Wallet;

/// <summary>
/// One change a wallet asks of its ledger: the entry's operation id, type, signed amounts (minor
/// units) and reference, plus the records the journal writes in the same durable step (the bet a
/// stake pays for, the withdrawal a hold is for, the decision that pays or releases it, the flag of
/// a deposit credited past a limit). Made by the factories below, which own the operation ids
/// (<see cref="OperationIds"/>).
/// </summary>
internal sealed record LedgerChange
{
    private LedgerChange(string operationId, LedgerEntryType type, Money amount, Money heldChange, string reference, string? memo = null)
    {
        OperationId = operationId;
        Type = type;
        Amount = amount;
        HeldChange = heldChange;
        Reference = reference;
        Memo = memo;
    }

    public string OperationId { get; }

    public LedgerEntryType Type { get; }

    /// <summary>Change of the available balance; negative takes money.</summary>
    public Money Amount { get; }

    /// <summary>Change of the held funds.</summary>
    public Money HeldChange { get; }

    public string Reference { get; }

    public string? Memo { get; }

    public BetRecord? Bet { get; private init; }

    public Withdrawal? Withdrawal { get; private init; }

    public WithdrawalDecision? Decision { get; private init; }

    public FlaggedDeposit? Flag { get; private init; }

    /// <summary>The staff audit record of a staff member's money action, written with the entry.</summary>
    public GameServer.Players.StaffAction? Action { get; private init; }

    /// <summary>Whether the memo is part of what was asked (an admin's reason), so a repeat with another memo is a different request.</summary>
    private bool MemoIsPartOfRequest { get; init; }

    /// <summary>The stake of <paramref name="bet"/>, written with the bet; the memo is its period.</summary>
    public static LedgerChange Stake(BetRecord bet) =>
        new(OperationIds.Stake(bet.BetId), LedgerEntryType.BetStake, -bet.Stake, Money.Zero, OperationIds.StakeReference(bet.Game, bet.Selection), bet.PeriodId)
        {
            Bet = bet,
        };

    /// <summary>A winning bet's payout.</summary>
    public static LedgerChange Payout(string betId, Money payout, string periodId) =>
        new(OperationIds.Settlement(betId), LedgerEntryType.BetPayout, payout, Money.Zero, $"payout:{betId}", periodId);

    /// <summary>The stake of a bet whose period has no result, given back.</summary>
    public static LedgerChange Refund(BetRecord bet) =>
        new(OperationIds.Settlement(bet.BetId), LedgerEntryType.BetRefund, bet.Stake, Money.Zero, $"refund:{bet.BetId}", bet.PeriodId);

    /// <summary>A paid deposit order credited, with the flag staff see if a responsible-play rule would have refused it.</summary>
    public static LedgerChange Deposit(string orderId, Money amount, string gateway, FlaggedDeposit? flag) =>
        new(OperationIds.Deposit(orderId), LedgerEntryType.Deposit, amount, Money.Zero, $"deposit:{gateway}:{orderId}", flag?.Detail)
        {
            Flag = flag,
        };

    /// <summary>The hold of a withdrawal request, written with the request.</summary>
    public static LedgerChange WithdrawalHold(Withdrawal request) =>
        new(OperationIds.WithdrawalHold(request.WithdrawalId), LedgerEntryType.WithdrawalHold, -request.Amount, request.Amount, $"withdrawal:{request.WithdrawalId}")
        {
            Withdrawal = request,
        };

    /// <summary>A held withdrawal paid out (the hold leaves) or released (the hold returns to the balance), with the decision.</summary>
    public static LedgerChange WithdrawalSettled(Withdrawal request, WithdrawalDecision decision)
    {
        var amount = request.Amount;
        var (type, available) = decision.Paid ? (LedgerEntryType.WithdrawalPaid, Money.Zero) : (LedgerEntryType.WithdrawalRelease, amount);
        var kind = decision.Paid ? GameServer.Players.StaffActionKind.WithdrawalApproved : GameServer.Players.StaffActionKind.WithdrawalRejected;
        return new(OperationIds.WithdrawalSettled(request.WithdrawalId), type, available, -amount, $"withdrawal:{request.WithdrawalId}", $"decided by admin {decision.DecidedBy}")
        {
            Decision = decision,
            Action = new(StaffActionId(request.UserId, OperationIds.WithdrawalSettled(request.WithdrawalId)), decision.DecidedBy, kind, request.UserId,
                $"withdrawal {request.WithdrawalId} of {request.Amount}", decision.Reason, decision.DecidedAt),
        };
    }

    /// <summary>An admin's credit (positive) or debit (negative) with its reason, which is part of the request.</summary>
    public static LedgerChange AdminAdjustment(long accountId, string operationId, Money signedAmount, string reason, long adminId, DateTimeOffset at)
    {
        var credit = signedAmount > Money.Zero;
        return new(operationId, credit ? LedgerEntryType.AdminCredit : LedgerEntryType.AdminDebit, signedAmount, Money.Zero, $"admin:{adminId}", reason)
        {
            MemoIsPartOfRequest = true,
            Action = new(StaffActionId(accountId, operationId), adminId, credit ? GameServer.Players.StaffActionKind.Credit : GameServer.Players.StaffActionKind.Debit, accountId,
                $"{(credit ? "credit" : "debit")} of {(credit ? signedAmount : -signedAmount)}", reason, at),
        };
    }

    /// <summary>A money action's audit-trail id: its ledger entry's, unique as the entry is.</summary>
    private static string StaffActionId(long accountId, string operationId) => $"ledger:{accountId}:{operationId}";

    /// <summary>An attendance bonus or a referral commission, under the operation id its payer chose (<see cref="OperationIds"/>).</summary>
    public static LedgerChange Bonus(string operationId, LedgerEntryType type, Money amount, string reference) =>
        new(operationId, type, amount, Money.Zero, reference);

    /// <summary>True when an entry already written under this operation id answers this very request.</summary>
    public bool IsAnsweredBy(LedgerEntry earlier) =>
        earlier.Type == Type && earlier.Amount == Amount && earlier.HeldChange == HeldChange && earlier.Reference == Reference
        && (!MemoIsPartOfRequest || earlier.Memo == Memo);

    /// <summary>The entry this change makes as the account's next one.</summary>
    public LedgerEntry EntryAfter(long accountId, Balance before, DateTimeOffset at) =>
        new(accountId, before.LastSeq + 1, OperationId, Type, Amount, HeldChange, before.Available + Amount, before.Held + HeldChange, Reference, Memo, at);

    public JournalAppend ToAppend(LedgerEntry entry) => new(entry, Bet, Withdrawal, Decision, Flag, Action);
}

/// <summary>What applying a change gave: the entry, and whether this call appended it or found it written before.</summary>
internal readonly record struct Applied(LedgerEntry Entry, bool Appended);
