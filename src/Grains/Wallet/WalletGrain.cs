using GameServer.Grains.Games;
using GameServer.Grains.Journal;
using GameServer.Referral;
using GameServer.Wallet;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Utilities;

namespace GameServer.Grains.Wallet;

/// <summary>A player's responsible-play settings and pending deposit reservations: the only wallet data kept as grain state.</summary>
[GenerateSerializer]
public sealed class WalletSettings
{
    [Id(0)] public Money? DailyDepositLimit { get; set; }
    [Id(1)] public Money? DailyLossLimit { get; set; }
    [Id(2)] public DateTimeOffset? SelfExcludedUntil { get; set; }
    [Id(3)] public PendingLimitIncrease? PendingIncrease { get; set; }

    /// <summary>Deposit orders not yet decided by their gateway, by order id: they count against the daily deposit limit (SPEC §6).</summary>
    [Id(4)] public Dictionary<string, PendingDeposit> PendingDeposits { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>The amount of a pending deposit order and when it was reserved.</summary>
[GenerateSerializer, Immutable]
public sealed record PendingDeposit([property: Id(0)] Money Amount, [property: Id(1)] DateTimeOffset ReservedAt);

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
    IOptions<GameOptions> gameOptions,
    ILogger<WalletGrain> logger) : Grain, IWalletGrain
{
    private readonly Dictionary<string, LedgerEntry> recent = new(StringComparer.Ordinal);
    private readonly ObserverManager<IBalanceObserver> watchers = new(options.Value.WatchExpiry, logger);
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

    public Task<Balance> GetBalance() => Task.FromResult(CurrentBalance);

    public Task<TimeSpan> Watch(IBalanceObserver observer)
    {
        watchers.Subscribe(observer, observer);
        return Task.FromResult(options.Value.WatchExpiry);
    }

    public Task<WalletTotals> GetTotals() => Task.FromResult(totals);

    public Task<LedgerPage> GetTransactions(int page, int limit) => journal.Store.ReadPageAsync(AccountId, page, limit);

    public async Task ReserveDeposit(string orderId, Money amount)
    {
        RequirePositive(amount);
        if (settings.State.PendingDeposits.ContainsKey(orderId))
        {
            return;
        }

        await ApplyDueLimitIncrease();
        RequireNotSelfExcluded("deposit");
        await RefreshTally();
        var now = clock.GetUtcNow();
        var pending = PendingDepositsAt(now);
        if (settings.State.DailyDepositLimit is { } limit && today.Deposits + pending + amount > limit)
        {
            throw GameServerException.Conflict(
                $"This deposit would pass your daily deposit limit of {limit} ({today.Deposits} deposited today, {pending} in pending orders).");
        }

        settings.State.PendingDeposits[orderId] = new PendingDeposit(amount, now);
        await settings.WriteStateAsync();
    }

    public async Task ReleaseDeposit(string orderId)
    {
        if (settings.State.PendingDeposits.Remove(orderId))
        {
            await settings.WriteStateAsync();
        }
    }

    public async Task<LedgerEntry> CreditDeposit(string orderId, Money amount, string gateway)
    {
        RequirePositive(amount);
        await ApplyDueLimitIncrease();
        await RefreshTally();

        // The gateway took the money: it is credited whatever the limits say now, and staff hear of it.
        var flag = DepositFlagFor(orderId, amount);
        var applied = await Apply(
            new LedgerChange($"deposit:{orderId}", LedgerEntryType.Deposit, amount, Money.Zero, $"deposit:{gateway}:{orderId}", flag?.Detail) { Flag = flag },
            () => null);
        await ReleaseDeposit(orderId);
        TellTeam();
        return applied.Entry;
    }

    public async Task<LedgerEntry> RequestWithdrawal(string withdrawalId, Money amount)
    {
        RequirePositive(amount);
        if (await journal.Store.ReadWithdrawalAsync(withdrawalId) is { } taken && taken.UserId != AccountId)
        {
            // Ids are unique across players (the API derives them from the player and the key); a clash would strand the hold.
            throw GameServerException.Conflict("This withdrawal id belongs to another request.");
        }

        var request = new Withdrawal(withdrawalId, AccountId, amount, WithdrawalStatus.Pending, clock.GetUtcNow(), null, null);
        var applied = await Apply(
            new LedgerChange($"withdrawal:{withdrawalId}", LedgerEntryType.WithdrawalHold, -amount, amount, $"withdrawal:{withdrawalId}") { Withdrawal = request },
            () => amount > available ? $"The balance of {available} does not cover a withdrawal of {amount}." : null);
        return applied.Entry;
    }

    public async Task<Withdrawal> SettleWithdrawal(string withdrawalId, bool paid, long adminId)
    {
        var request = await journal.Store.ReadWithdrawalAsync(withdrawalId);
        if (request is null || request.UserId != AccountId)
        {
            throw GameServerException.NotFound("No such withdrawal.");
        }

        if (request.Status != WithdrawalStatus.Pending)
        {
            throw GameServerException.Conflict($"This withdrawal is already {request.Status.ToString().ToLowerInvariant()}.");
        }

        // Paying and releasing share one operation id: a withdrawal is settled one way, once.
        var amount = request.Amount;
        var decision = new WithdrawalDecision(withdrawalId, paid, adminId, clock.GetUtcNow());
        var change = paid
            ? new LedgerChange($"withdrawal-settled:{withdrawalId}", LedgerEntryType.WithdrawalPaid, Money.Zero, -amount, $"withdrawal:{withdrawalId}", $"decided by admin {adminId}")
            : new LedgerChange($"withdrawal-settled:{withdrawalId}", LedgerEntryType.WithdrawalRelease, amount, -amount, $"withdrawal:{withdrawalId}", $"decided by admin {adminId}");
        await Apply(change with { Decision = decision }, () => amount > held ? $"Only {held} is held; {amount} cannot be settled." : null);
        TellTeam();
        return request with { Status = paid ? WithdrawalStatus.Paid : WithdrawalStatus.Rejected, DecidedBy = adminId, DecidedAt = decision.DecidedAt };
    }

    public async Task<LedgerEntry> AdminAdjust(string operationId, Money signedAmount, string reason, long adminId)
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
        var change = new LedgerChange(operationId, credit ? LedgerEntryType.AdminCredit : LedgerEntryType.AdminDebit, signedAmount, Money.Zero, $"admin:{adminId}", reason)
        {
            MemoIsPartOfRequest = true,
        };
        var applied = await Apply(change,
            () => !credit && -signedAmount > available ? $"The balance of {available} does not cover a debit of {-signedAmount}." : null);
        return applied.Entry;
    }

    public async Task<LedgerEntry> CreditBonus(string operationId, LedgerEntryType type, Money amount, string reference)
    {
        RequirePositive(amount);
        if (type is not (LedgerEntryType.AttendanceBonus or LedgerEntryType.ReferralCommission))
        {
            throw GameServerException.Invalid($"{type} is not a bonus.");
        }

        var change = new LedgerChange(operationId, type, amount, Money.Zero, reference);
        if (SelfExclusionProblem("bonus") is { } excluded)
        {
            // A bonus paid before the exclusion began is still the answer to its repeat (SPEC §1).
            var earlier = recent.GetValueOrDefault(operationId) ?? await journal.Store.FindOperationAsync(AccountId, operationId);
            return earlier is not null ? Repeat(Remember(earlier), change) : throw GameServerException.Forbidden(excluded);
        }

        var applied = await Apply(change, () => null);
        return applied.Entry;
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

    private Balance CurrentBalance => new(available, held, seq);

    /// <summary>
    /// Applies one change exactly once. A remembered or journaled entry with the same operation id
    /// answers a repeat (or a conflict when the request differs); otherwise the check runs on the
    /// current balance and the entry is appended before the balance moves.
    /// </summary>
    private async Task<Applied> Apply(LedgerChange change, Func<string?> check)
    {
        var now = clock.GetUtcNow();
        if (recent.TryGetValue(change.OperationId, out var remembered))
        {
            return new Applied(Repeat(remembered, change), Appended: false);
        }

        for (var attempt = 0; attempt < 2; attempt++)
        {
            var refusal = check();
            if (refusal is not null)
            {
                // A retry of an operation that went through earlier must get its first answer, not a refusal.
                var earlier = await journal.Store.FindOperationAsync(AccountId, change.OperationId);
                return earlier is not null
                    ? new Applied(Repeat(Remember(earlier), change), Appended: false)
                    : throw GameServerException.Conflict(refusal);
            }

            var entry = new LedgerEntry(AccountId, seq + 1, change.OperationId, change.Type, change.Amount, change.HeldChange,
                available + change.Amount, held + change.HeldChange, change.Reference, change.Memo, now);
            var result = await journal.AppendAsync(change.ToAppend(entry));
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
                    TellWatchers(entry.Type);
                    return new Applied(Remember(entry), Appended: true);
                case AppendOutcome.DuplicateOperation:
                    return new Applied(Repeat(Remember(result.Existing!), change), Appended: false);
                case AppendOutcome.SeqConflict:
                    // Another activation of this wallet wrote meanwhile (a silo failure can briefly leave two).
                    await Reload();
                    break;
            }
        }

        throw new InvalidOperationException($"Wallet {AccountId}: the ledger kept changing underneath; operation {change.OperationId} was not applied.");
    }

    /// <summary>
    /// Tells the player's referral tree its money now; fire and forget, since the snapshot carries
    /// absolute figures stamped with the ledger seq, and the next one mends a lost one.
    /// </summary>
    private void TellTeam() =>
        GrainFactory.GetGrain<IReferralTreeGrain>(AccountId).RecordMoney(seq, available, totals.Recharge, totals.Withdrawal).Ignore();

    /// <summary>Tells the frontends holding this player's connections; one-way, in the order the entries were appended.</summary>
    private void TellWatchers(LedgerEntryType cause)
    {
        if (watchers.Count > 0)
        {
            var balance = CurrentBalance;
            watchers.Notify(watcher => watcher.BalanceChanged(AccountId, balance, cause).Ignore());
        }
    }

    private static LedgerEntry Repeat(LedgerEntry earlier, LedgerChange change) =>
        change.IsAnsweredBy(earlier)
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
        betsThisPeriod.Clear();
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

    /// <summary>The amounts of pending deposit orders still within their lifetime; older ones are dropped.</summary>
    private Money PendingDepositsAt(DateTimeOffset now)
    {
        var pending = settings.State.PendingDeposits;
        foreach (var expired in pending.Where(order => order.Value.ReservedAt + options.Value.DepositOrderLifetime <= now).Select(order => order.Key).ToList())
        {
            pending.Remove(expired);
        }

        return pending.Values.Aggregate(Money.Zero, (sum, order) => sum + order.Amount);
    }

    /// <summary>Why a confirmed deposit would not have been admitted now, if it would not.</summary>
    private FlaggedDeposit? DepositFlagFor(string orderId, Money amount)
    {
        var now = clock.GetUtcNow();
        if (SelfExclusionProblem("deposit") is not null)
        {
            return new FlaggedDeposit(AccountId, orderId, amount, DepositFlagReason.SelfExcluded,
                $"Credited during self-exclusion (until {settings.State.SelfExcludedUntil:u}).", now);
        }

        return settings.State.DailyDepositLimit is { } limit && today.Deposits + amount > limit
            ? new FlaggedDeposit(AccountId, orderId, amount, DepositFlagReason.OverDailyLimit,
                $"Credited past the daily deposit limit of {limit} ({today.Deposits} deposited earlier today).", now)
            : null;
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
