using GameServer.Grains.Games;
using GameServer.Grains.Journal;
using GameServer.Games;
using GameServer.Referral;
using GameServer.Wallet;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GameServer.Grains.Wallet;

/// <summary>A player's responsible-play settings: the only wallet data kept as grain state.</summary>
[GenerateSerializer]
public sealed class WalletSettings
{
    [Id(0)] public Money? DailyDepositLimit { get; set; }
    [Id(1)] public Money? DailyLossLimit { get; set; }
    [Id(2)] public DateTimeOffset? SelfExcludedUntil { get; set; }
    [Id(3)] public PendingLimitIncrease? PendingIncrease { get; set; }
}

/// <summary>
/// The ledger is the source of truth: an activation reads its balance from the newest entry, and
/// every change is an entry appended before the in-memory balance moves. Calls are one at a time,
/// so a check and the write that depends on it cannot interleave with another call.
/// </summary>
public sealed partial class WalletGrain(
    [PersistentState("wallet")] IPersistentState<WalletSettings> settings,
    GroupCommitJournal journal,
    GameClock clock,
    IOptions<WalletOptions> options,
    IOptions<GameOptions> gameOptions) : Grain, IWalletGrain
{
    private readonly Dictionary<string, LedgerEntry> recent = new(StringComparer.Ordinal);
    private Money available;
    private Money held;
    private long seq;
    private DailyTally today = DailyTally.Empty;
    private WalletTotals totals = new(Money.Zero, Money.Zero);

    private long AccountId => this.GetPrimaryKeyLong();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await Reload();
    }

    public Task<Balance> GetBalance() => Task.FromResult(new Balance(available, held, seq));

    public Task<WalletTotals> GetTotals() => Task.FromResult(totals);

    public Task<LedgerPage> GetTransactions(int page, int limit) => journal.Store.ReadPageAsync(AccountId, page, limit);

    public async Task EnsureDepositAllowed(Money amount)
    {
        RequirePositive(amount);
        await ApplyDueLimitIncrease();
        RequireNotSelfExcluded("deposit");
        await RefreshTally();
        if (settings.State.DailyDepositLimit is { } limit && today.Deposits + amount > limit)
        {
            throw GameServerException.Conflict($"This deposit would pass your daily deposit limit of {limit} ({today.Deposits} deposited today).");
        }
    }

    public async Task<LedgerEntry> CreditDeposit(string orderId, Money amount, string gateway)
    {
        RequirePositive(amount);
        var entry = await Apply($"deposit:{orderId}", LedgerEntryType.Deposit, amount, Money.Zero, $"deposit:{gateway}:{orderId}", null, () => null);
        TellTeam();
        return entry;
    }

    public async Task<LedgerEntry> RequestWithdrawal(string withdrawalId, Money amount)
    {
        RequirePositive(amount);
        var entry = await Apply($"withdrawal:{withdrawalId}", LedgerEntryType.WithdrawalHold, -amount, amount, $"withdrawal:{withdrawalId}", null,
            () => amount > available ? $"The balance of {available} does not cover a withdrawal of {amount}." : null);

        // Filed after the hold is durable, and again on every repeat, so a crash in between is mended by the retry.
        await GrainFactory.GetGrain<IWithdrawalDeskGrain>(IWithdrawalDeskGrain.WithdrawalDeskKey)
            .File(new Withdrawal(withdrawalId, AccountId, -entry.Amount, WithdrawalStatus.Pending, entry.CreatedAt, null, null));
        return entry;
    }

    public async Task<LedgerEntry> SettleWithdrawal(string withdrawalId, Money amount, bool paid, long adminId)
    {
        RequirePositive(amount);

        // Paying and releasing share one operation id: a withdrawal is settled one way, once.
        var operationId = $"withdrawal-settled:{withdrawalId}";
        var reference = $"withdrawal:{withdrawalId}";
        var memo = $"decided by admin {adminId}";
        string? Check() => amount > held ? $"Only {held} is held; {amount} cannot be settled." : null;
        var entry = paid
            ? await Apply(operationId, LedgerEntryType.WithdrawalPaid, Money.Zero, -amount, reference, memo, Check)
            : await Apply(operationId, LedgerEntryType.WithdrawalRelease, amount, -amount, reference, memo, Check);
        TellTeam();
        return entry;
    }

    public Task<LedgerEntry> AdminAdjust(string operationId, Money signedAmount, string reason, long adminId)
    {
        if (signedAmount == Money.Zero)
        {
            throw GameServerException.Invalid("amount must not be zero.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw GameServerException.Invalid("A reason is required.");
        }

        var credit = signedAmount > Money.Zero;
        return Apply(operationId, credit ? LedgerEntryType.AdminCredit : LedgerEntryType.AdminDebit, signedAmount, Money.Zero,
            $"admin:{adminId}", reason,
            () => !credit && -signedAmount > available ? $"The balance of {available} does not cover a debit of {-signedAmount}." : null);
    }

    public Task<LedgerEntry> CreditBonus(string operationId, LedgerEntryType type, Money amount, string reference)
    {
        RequirePositive(amount);
        if (type is not (LedgerEntryType.AttendanceBonus or LedgerEntryType.ReferralCommission))
        {
            throw GameServerException.Invalid($"{type} is not a bonus.");
        }

        return Apply(operationId, type, amount, Money.Zero, reference, null, () => null);
    }

    public async Task<ResponsiblePlayLimits> GetLimits()
    {
        await ApplyDueLimitIncrease();
        return Limits();
    }

    public async Task<ResponsiblePlayLimits> ChangeLimits(LimitChange change)
    {
        await ApplyDueLimitIncrease();
        var state = settings.State;
        var (deposit, depositLater) = Decide(state.DailyDepositLimit, change.DailyDepositLimit, state.PendingIncrease?.DailyDepositLimit);
        var (loss, lossLater) = Decide(state.DailyLossLimit, change.DailyLossLimit, state.PendingIncrease?.DailyLossLimit);
        var raised = (change.DailyDepositLimit is not null && depositLater is not null) || (change.DailyLossLimit is not null && lossLater is not null);
        state.DailyDepositLimit = deposit;
        state.DailyLossLimit = loss;
        state.PendingIncrease = depositLater is null && lossLater is null
            ? null
            : new PendingLimitIncrease(depositLater, lossLater,
                raised ? clock.GetUtcNow() + options.Value.LimitIncreaseDelay : state.PendingIncrease!.EffectiveAt);
        await settings.WriteStateAsync();
        return Limits();
    }

    public async Task<ResponsiblePlayLimits> SelfExclude(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            throw GameServerException.Invalid("The self-exclusion period must be positive.");
        }

        var until = clock.GetUtcNow() + duration;
        if (settings.State.SelfExcludedUntil is not { } current || current < until)
        {
            settings.State.SelfExcludedUntil = until;
            await settings.WriteStateAsync();
        }

        return Limits();
    }

    /// <summary>
    /// Applies one operation exactly once. A remembered or journaled entry with the same operation id
    /// answers a repeat (or a conflict when the request differs); otherwise the check runs on the
    /// current balance and the entry is appended before the balance moves.
    /// </summary>
    private async Task<LedgerEntry> Apply(
        string operationId, LedgerEntryType type, Money amount, Money heldChange, string reference, string? memo, Func<string?> check, BetRecord? bet = null)
    {
        var now = clock.GetUtcNow();
        if (recent.TryGetValue(operationId, out var remembered))
        {
            return Repeat(remembered, type, amount, heldChange, reference);
        }

        for (var attempt = 0; attempt < 2; attempt++)
        {
            var refusal = check();
            if (refusal is not null)
            {
                // A retry of an operation that went through earlier must get its first answer, not a refusal.
                var earlier = await journal.Store.FindOperationAsync(AccountId, operationId);
                return earlier is not null
                    ? Repeat(Remember(earlier), type, amount, heldChange, reference)
                    : throw GameServerException.Conflict(refusal);
            }

            var entry = new LedgerEntry(AccountId, seq + 1, operationId, type, amount, heldChange, available + amount, held + heldChange, reference, memo, now);
            var result = await journal.AppendAsync(entry, bet);
            switch (result.Outcome)
            {
                case AppendOutcome.Appended:
                    available = entry.BalanceAfter;
                    held = entry.HeldAfter;
                    seq = entry.Seq;
                    today = today.With(entry, DayOf(now));
                    totals = entry.Type switch
                    {
                        LedgerEntryType.Deposit => totals with { Recharge = totals.Recharge + entry.Amount },
                        LedgerEntryType.WithdrawalPaid => totals with { Withdrawal = totals.Withdrawal - entry.HeldChange },
                        _ => totals,
                    };
                    return Remember(entry);
                case AppendOutcome.DuplicateOperation:
                    return Repeat(Remember(result.Existing!), type, amount, heldChange, reference);
                case AppendOutcome.SeqConflict:
                    // Another activation of this wallet wrote meanwhile (a silo failure can briefly leave two).
                    await Reload();
                    break;
            }
        }

        throw new InvalidOperationException($"Wallet {AccountId}: the ledger kept changing underneath; operation {operationId} was not applied.");
    }

    /// <summary>
    /// Tells the player's referral tree its money now; fire and forget, since the snapshot carries
    /// absolute figures stamped with the ledger seq, and the next one mends a lost one.
    /// </summary>
    private void TellTeam() =>
        GrainFactory.GetGrain<IReferralTreeGrain>(AccountId).RecordMoney(seq, available, totals.Recharge, totals.Withdrawal).Ignore();

    private static LedgerEntry Repeat(LedgerEntry earlier, LedgerEntryType type, Money amount, Money heldChange, string reference) =>
        earlier.Type == type && earlier.Amount == amount && earlier.HeldChange == heldChange && earlier.Reference == reference
            ? earlier
            : throw GameServerException.Conflict("This operation id was already used for a different request.");

    private LedgerEntry Remember(LedgerEntry entry)
    {
        if (recent.Count >= options.Value.RecentOperationsRemembered)
        {
            recent.Clear();
        }

        recent[entry.OperationId] = entry;
        return entry;
    }

    private async Task Reload()
    {
        var latest = await journal.Store.GetLatestAsync(AccountId);
        available = latest?.BalanceAfter ?? Money.Zero;
        held = latest?.HeldAfter ?? Money.Zero;
        seq = latest?.Seq ?? 0;
        recent.Clear();
        today = DailyTally.Empty;
        var (recharge, withdrawal) = await journal.Store.ReadTotalsAsync(AccountId);
        totals = new WalletTotals(recharge, withdrawal);
        await RefreshTally();
    }

    private async Task RefreshTally()
    {
        var day = DayOf(clock.GetUtcNow());
        if (today.Day == day)
        {
            return;
        }

        var entries = await journal.Store.ReadSinceAsync(AccountId, new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        today = entries.Aggregate(new DailyTally(day, Money.Zero, Money.Zero), (tally, entry) => tally.With(entry, day));
    }

    private async Task ApplyDueLimitIncrease()
    {
        if (settings.State.PendingIncrease is { } pending && pending.EffectiveAt <= clock.GetUtcNow())
        {
            if (pending.DailyDepositLimit is { } deposit)
            {
                settings.State.DailyDepositLimit = deposit.Amount;
            }

            if (pending.DailyLossLimit is { } loss)
            {
                settings.State.DailyLossLimit = loss.Amount;
            }

            settings.State.PendingIncrease = null;
            await settings.WriteStateAsync();
        }
    }

    private void RequireNotSelfExcluded(string what)
    {
        if (SelfExclusionProblem(what) is { } problem)
        {
            throw GameServerException.Forbidden(problem);
        }
    }

    private string? SelfExclusionProblem(string what) =>
        settings.State.SelfExcludedUntil is { } until && until > clock.GetUtcNow()
            ? $"You are self-excluded until {until:u}: no {what} is possible before then."
            : null;

    private static void RequirePositive(Money amount)
    {
        if (!amount.IsPositive)
        {
            throw GameServerException.Invalid("amount must be positive.");
        }
    }

    /// <summary>A lower limit applies now; a higher one (or none) waits. Returns the limit now and what is pending.</summary>
    private static (Money? Now, LimitValue? Later) Decide(Money? current, LimitValue? requested, LimitValue? pending)
    {
        if (requested is null)
        {
            return (current, pending);
        }

        var lowers = requested.Amount is { } wanted && (current is null || wanted <= current.Value);
        return lowers ? (requested.Amount, null) : (current, requested);
    }

    private ResponsiblePlayLimits Limits() => new(
        settings.State.DailyDepositLimit, settings.State.DailyLossLimit, settings.State.SelfExcludedUntil, settings.State.PendingIncrease);

    private static DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.UtcDateTime);

    /// <summary>Today's deposits and net losses (stakes less payouts and refunds), for the daily limits.</summary>
    private sealed record DailyTally(DateOnly Day, Money Deposits, Money NetLoss)
    {
        public static readonly DailyTally Empty = new(DateOnly.MinValue, Money.Zero, Money.Zero);

        public DailyTally With(LedgerEntry entry, DateOnly day)
        {
            var tally = Day == day ? this : new DailyTally(day, Money.Zero, Money.Zero);
            return entry.Type switch
            {
                LedgerEntryType.Deposit => tally with { Deposits = tally.Deposits + entry.Amount },
                LedgerEntryType.BetStake or LedgerEntryType.BetPayout or LedgerEntryType.BetRefund => tally with { NetLoss = tally.NetLoss - entry.Amount },
                _ => tally,
            };
        }
    }
}
