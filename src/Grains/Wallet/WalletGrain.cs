using GameServer.Games;
using GameServer.Grains.Games;
using GameServer.Grains.Journal;
using GameServer.Grains.Players;
using GameServer.Players;
using GameServer.Referral;
using GameServer.Wallet;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Utilities;

namespace GameServer.Grains.Wallet;

/// <summary>
/// A player's money: orchestrates the account's <see cref="AccountLedger"/> (the source of truth, every
/// change exactly once), the responsible-play and bet-admission rules (<see cref="ResponsiblePlayRules"/>,
/// <see cref="StakeRules"/>), the game that admits each bet, and who hears of a change (the player's
/// connections, the team). Calls are one at a time, so a check and the write that depends on it cannot
/// interleave with another call.
/// </summary>
public sealed partial class WalletGrain(
    [PersistentState("wallet")] IPersistentState<WalletSettings> settings,
    GroupCommitJournal journal,
    ILedger ledgerStore,
    IBetBook betBook,
    IHistoryReads history,
    GameClock clock,
    IOptions<WalletOptions> options,
    IOptions<GameOptions> gameOptions,
    IOptions<VipOptions> vipOptions,
    ILogger<WalletGrain> logger) : Grain, IWalletGrain
{
    /// <summary>Bets are stamped by the clock of the silo that staked them, which may run a little ahead of this one.</summary>
    private static readonly TimeSpan BetHistoryLookAhead = TimeSpan.FromDays(1);

    private readonly ObserverManager<IBalanceObserver> watchers = new(options.Value.WatchExpiry, logger);
    private readonly Dictionary<GameKey, (string PeriodId, int Count)> betsThisPeriod = [];
    private AccountLedger ledger = null!;
    private WalletTallies tallies = null!;
    private int? toldVipLevel;

    private long AccountId => this.GetPrimaryKeyLong();

    private Money Available => ledger.Balance.Available;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        ledger = new AccountLedger(AccountId, journal, ledgerStore, options.Value.RecentOperationsRemembered, ReadDerivedAgain);
        tallies = new WalletTallies(AccountId, ledgerStore);
        await ledger.LoadAsync();
        await tallies.LoadAsync(clock.GetUtcNow());
    }

    public Task<Balance> GetBalance() => Task.FromResult(ledger.Balance);

    public Task<TimeSpan> Watch(IBalanceObserver observer)
    {
        watchers.Subscribe(observer, observer);
        return Task.FromResult(options.Value.WatchExpiry);
    }

    public Task<WalletTotals> GetTotals() => Task.FromResult(tallies.Totals);

    public Task<LedgerPage> GetTransactions(int page, int limit, LedgerEntryType? type = null) => history.ReadPageAsync(AccountId, page, limit, type);

    public Task<BetHistoryPage> GetBetHistory(DateTimeOffset? from, DateTimeOffset? to, int page, int limit, GameFilter? games = null)
    {
        var now = clock.GetUtcNow();
        return history.ReadBetHistoryAsync(AccountId, from ?? now - options.Value.BetHistoryDays, to ?? now + BetHistoryLookAhead, page, limit, games);
    }

    public async Task<BetReceipt> PlaceBet(BetRequest request)
    {
        var operationId = OperationIds.Stake(request.BetId);
        if (ledger.Remembered(operationId) is { } remembered)
        {
            return RepeatedBet(request, remembered);
        }

        try
        {
            return await StakeNewBet(request);
        }
        catch (GameServerException)
        {
            // A retry of a bet that went through must get its receipt, even once betting has closed.
            if (await ledger.FindAsync(operationId) is not { } earlier)
            {
                throw;
            }

            return RepeatedBet(request, earlier);
        }
    }

    public async Task<Balance> SettleBets(PeriodSettlement settlement)
    {
        foreach (var outcome in settlement.Outcomes.Where(outcome => outcome.Kind == BetOutcomeKind.Won && outcome.Payout.IsPositive))
        {
            await SettleOnce(LedgerChange.Payout(outcome.BetId, outcome.Payout, settlement.PeriodId));
        }

        // The period grain tells the player, with this balance, in its batched settlement notice.
        return ledger.Balance;
    }

    public async Task<Balance> RefundBets(IReadOnlyList<BetRecord> bets)
    {
        foreach (var bet in bets)
        {
            await SettleOnce(LedgerChange.Refund(bet));
        }

        return ledger.Balance;
    }

    public async Task ReserveDeposit(string orderId, Money amount)
    {
        RequirePositive(amount);
        if (settings.State.PendingDeposits.ContainsKey(orderId))
        {
            return;
        }

        RefuseWhileSuspended("deposits");
        var now = clock.GetUtcNow();
        var limits = await CurrentLimits(now);
        Refuse(ResponsiblePlayRules.SelfExclusionRefusal(limits, now, "deposit"));
        await tallies.RefreshDayAsync(now);
        var pending = settings.State.PendingDepositsAt(now, options.Value.DepositOrderLifetime);
        Refuse(ResponsiblePlayRules.DepositRefusal(limits, tallies.Today, pending, amount));
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
        var now = clock.GetUtcNow();
        var limits = await CurrentLimits(now);
        await tallies.RefreshDayAsync(now);

        // The gateway took the money: it is credited whatever the limits say now, and staff hear of it.
        var flag = ResponsiblePlayRules.DepositFlag(limits, tallies.Today, amount, now) is { } why
            ? new FlaggedDeposit(AccountId, orderId, amount, why.Reason, why.Detail, now)
            : null;
        var applied = await Apply(LedgerChange.Deposit(orderId, amount, gateway, flag));
        await ReleaseDeposit(orderId);
        TellTeam();
        return applied.Entry;
    }

    public async Task<WithdrawalReceipt> RequestWithdrawal(string withdrawalId, Money amount, string payoutMethodId)
    {
        RequirePositive(amount);
        RefuseWhileSuspended("withdrawals");
        Withdrawal request;
        if (await ledgerStore.ReadWithdrawalAsync(withdrawalId) is { } taken)
        {
            if (taken.UserId != AccountId)
            {
                // Ids are unique across players (the API derives them from the player and the key); a clash would strand the hold.
                throw GameServerException.Conflict("This withdrawal id belongs to another request.");
            }

            // A repeat gets its first hold even if the method was changed or removed since (the ledger compares the amount).
            if (taken.PayoutMethodId is { } earlier && earlier != payoutMethodId)
            {
                throw GameServerException.Conflict("This operation id was already used for a different request.");
            }

            request = taken with { Amount = amount };
        }
        else
        {
            var now = clock.GetUtcNow();
            var method = await GrainFactory.GetGrain<IPayoutMethodsGrain>(AccountId).Get(payoutMethodId);
            Refuse(PayoutMethodRules.CoolingOffRefusal(method, now));
            request = new Withdrawal(withdrawalId, AccountId, amount, WithdrawalStatus.Pending, now, null, null, null, method.MethodId, method.Destination);
        }

        var applied = await Apply(LedgerChange.WithdrawalHold(request),
            balance => amount > balance.Available ? $"The balance of {balance.Available} does not cover a withdrawal of {amount}." : null);
        return new WithdrawalReceipt(request, applied.Entry);
    }

    public async Task<Withdrawal> SettleWithdrawal(string withdrawalId, bool paid, long adminId, string? reason = null)
    {
        reason = WithdrawalDecision.NormalizeReason(reason);
        var request = await ledgerStore.ReadWithdrawalAsync(withdrawalId);
        if (request is null || request.UserId != AccountId)
        {
            throw GameServerException.NotFound("No such withdrawal.");
        }

        if (request.Status != WithdrawalStatus.Pending)
        {
            throw GameServerException.Conflict($"This withdrawal is already {request.Status.ToString().ToLowerInvariant()}.");
        }

        var decision = new WithdrawalDecision(withdrawalId, paid, adminId, clock.GetUtcNow(), reason);
        await Apply(LedgerChange.WithdrawalSettled(request, decision),
            balance => request.Amount > balance.Held ? $"Only {balance.Held} is held; {request.Amount} cannot be settled." : null);
        TellTeam();
        return request with { Status = paid ? WithdrawalStatus.Paid : WithdrawalStatus.Rejected, DecidedBy = adminId, DecidedAt = decision.DecidedAt, Reason = reason };
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

        var debit = -signedAmount;
        var applied = await Apply(LedgerChange.AdminAdjustment(AccountId, operationId, signedAmount, reason, adminId, clock.GetUtcNow()),
            balance => debit.IsPositive && debit > balance.Available ? $"The balance of {balance.Available} does not cover a debit of {debit}." : null);
        return applied.Entry;
    }

    public async Task<LedgerEntry> CreditBonus(string operationId, LedgerEntryType type, Money amount, string reference)
    {
        RequirePositive(amount);
        if (type is not (LedgerEntryType.AttendanceBonus or LedgerEntryType.ReferralCommission or LedgerEntryType.Rebate))
        {
            throw GameServerException.Invalid($"{type} is not a bonus.");
        }

        var change = LedgerChange.Bonus(operationId, type, amount, reference);
        if ((settings.State.Suspended ? SuspendedRefusal("bonuses") : ResponsiblePlayRules.SelfExclusionRefusal(settings.State.ToLimits(), clock.GetUtcNow(), "bonus")) is { } excluded)
        {
            // A bonus paid before the exclusion began is still the answer to its repeat (SPEC §1).
            return await ledger.FindAsync(operationId) is { } earlier ? AccountLedger.Repeat(earlier, change) : throw excluded;
        }

        return (await Apply(change)).Entry;
    }

    public async Task SetSuspended(bool suspended)
    {
        if (settings.State.Suspended != suspended)
        {
            settings.State.Suspended = suspended;
            await settings.WriteStateAsync();
        }
    }

    public Task<ResponsiblePlayLimits> GetLimits() => CurrentLimits(clock.GetUtcNow());

    public async Task<ResponsiblePlayLimits> ChangeLimits(LimitChange change)
    {
        var now = clock.GetUtcNow();
        var limits = ResponsiblePlayRules.WithChange(await CurrentLimits(now), change, now, options.Value.LimitIncreaseDelay);
        settings.State.SetLimits(limits);
        await settings.WriteStateAsync();
        return limits;
    }

    public async Task<ResponsiblePlayLimits> SelfExclude(TimeSpan duration)
    {
        var limits = settings.State.ToLimits();
        var excluded = ResponsiblePlayRules.WithSelfExclusion(limits, clock.GetUtcNow(), duration);
        if (excluded != limits)
        {
            settings.State.SetLimits(excluded);
            await settings.WriteStateAsync();
        }

        return excluded;
    }

    private async Task<BetReceipt> StakeNewBet(BetRequest request)
    {
        var game = gameOptions.Value;
        var betLimits = new BetLimits(new Money(game.MinStakeMinorUnits), new Money(game.MaxStakeMinorUnits), game.MaxBetsPerPlayerPerPeriod);
        var now = clock.GetUtcNow();
        var limits = await CurrentLimits(now);
        await tallies.RefreshDayAsync(now);
        RefuseWhileSuspended("bets");
        Refuse(ResponsiblePlayRules.SelfExclusionRefusal(limits, now, "bet"));
        Refuse(StakeRules.StakeRefusal(betLimits, request.Stake));
        Refuse(ResponsiblePlayRules.LossRefusal(limits, tallies.Today, request.Stake));
        if (StakeRules.BalanceProblem(Available, request.Stake) is { } poor)
        {
            throw GameServerException.Conflict(poor);
        }

        // The game decides by its own clock which period is open: this silo's clock may differ from the one that draws.
        var periods = GrainFactory.GetGrain<IGamePeriodGrain>(request.Game.ToString());
        var period = (await periods.AdmitBet(request.PeriodId)).Period;
        Refuse(StakeRules.CountRefusal(betLimits, await BetsPlaced(request.Game, period.PeriodId)));

        var bet = new BetRecord(request.BetId, AccountId, request.Game, period.PeriodId, request.Selection, request.Stake, clock.GetUtcNow());
        var applied = await Apply(LedgerChange.Stake(bet), balance => StakeRules.BalanceProblem(balance.Available, request.Stake));
        if (applied.Appended)
        {
            GameServerMetrics.BetsPlaced.Add(1);
            if (betsThisPeriod.TryGetValue(request.Game, out var counted) && counted.PeriodId == period.PeriodId)
            {
                // Not counted when the ledger was read again meanwhile: the next bet counts from the bet book.
                betsThisPeriod[request.Game] = counted with { Count = counted.Count + 1 };
            }
            periods.RecordBet(period.PeriodId, request.Stake).Ignore();
        }

        return Receipt(request, applied.Entry);
    }

    /// <summary>The receipt of a bet staked before; the same id naming another game, selection, stake or period is a different bet.</summary>
    private BetReceipt RepeatedBet(BetRequest request, LedgerEntry earlier)
    {
        var asked = LedgerChange.Stake(new BetRecord(request.BetId, AccountId, request.Game, earlier.Memo ?? "", request.Selection, request.Stake, earlier.CreatedAt));
        if (!asked.IsAnsweredBy(earlier) || (request.PeriodId is { } period && period != earlier.Memo))
        {
            throw GameServerException.Conflict("This bet id was already used for a different bet.");
        }

        return Receipt(request, earlier);
    }

    private BetReceipt Receipt(BetRequest request, LedgerEntry stake) =>
        new(request.BetId, stake.Memo ?? "", request.Stake, ledger.Balance, stake.CreatedAt);

    private async Task<int> BetsPlaced(GameKey game, string periodId)
    {
        if (!betsThisPeriod.TryGetValue(game, out var counted) || counted.PeriodId != periodId)
        {
            counted = (periodId, await betBook.CountUserBetsAsync(AccountId, game, periodId));
            betsThisPeriod[game] = counted;
        }

        return counted.Count;
    }

    private async Task SettleOnce(LedgerChange change)
    {
        try
        {
            await Apply(change);
        }
        catch (GameServerException conflict) when (conflict.Kind == ErrorKind.Conflict)
        {
            // Settled the other way before (refunded, then found drawn, or the reverse): the first stands.
            LogSettledAlready(logger, AccountId, change.OperationId, change.Type);
        }
    }

    /// <summary>Applies a change through the ledger and keeps what the wallet derives from it, then tells the player's connections.</summary>
    private async Task<Applied> Apply(LedgerChange change, Func<Balance, string?>? refusal = null)
    {
        var now = clock.GetUtcNow();
        var applied = await ledger.ApplyAsync(change, now, refusal);
        if (applied.Appended)
        {
            tallies.Fold(applied.Entry, now);
            if (applied.Entry.Type is LedgerEntryType.BetStake or LedgerEntryType.BetRefund)
            {
                TellVipLevel();
            }
        }

        if (applied.Appended && watchers.Count > 0)
        {
            // One-way, in the order the entries were appended.
            var balance = ledger.Balance;
            watchers.Notify(watcher => watcher.BalanceChanged(AccountId, balance, applied.Entry.Type).Ignore());
        }

        return applied;
    }

    /// <summary>Another activation wrote to the ledger meanwhile: what was derived from its entries is read again.</summary>
    private async Task ReadDerivedAgain()
    {
        betsThisPeriod.Clear();
        await tallies.LoadAsync(clock.GetUtcNow());
    }

    /// <summary>
    /// Tells the player's referral tree its money now; fire and forget, since the snapshot carries
    /// absolute figures stamped with the ledger seq, and the next one mends a lost one.
    /// </summary>
    private void TellTeam()
    {
        var balance = ledger.Balance;
        GrainFactory.GetGrain<IReferralTreeGrain>(AccountId).RecordMoney(balance.LastSeq, balance.Available, tallies.Totals.Recharge, tallies.Totals.Withdrawal).Ignore();
    }

    /// <summary>
    /// Tells the player's account the VIP level of the turnover when it differs from the level last told by this
    /// activation (so once per activation and then on each change); fire and forget, since the level is an
    /// absolute figure and a lost one is told again by the next stake.
    /// </summary>
    private void TellVipLevel()
    {
        var level = VipLevels.ForTurnover(tallies.Turnover.MinorUnits, vipOptions.Value.TurnoverThresholdsMinorUnits);
        if (level != toldVipLevel)
        {
            toldVipLevel = level;
            _ = TellVipLevel(level);
        }
    }

    private async Task TellVipLevel(int level)
    {
        try
        {
            await GrainFactory.GetGrain<IUserGrain>(AccountId).SetTurnoverVipLevel(level);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            toldVipLevel = null;
            LogVipLevelNotTold(logger, AccountId, level, exception);
        }
    }

    private void RefuseWhileSuspended(string what) => Refuse(settings.State.Suspended ? SuspendedRefusal(what) : null);

    private static GameServerException SuspendedRefusal(string what) =>
        GameServerException.Forbidden($"This account is suspended: no {what} until staff reinstate it. Please contact support.");

    /// <summary>The player's limits, with a raised limit applied (and stored) once its delay has passed.</summary>
    private async Task<ResponsiblePlayLimits> CurrentLimits(DateTimeOffset now)
    {
        var limits = settings.State.ToLimits();
        var current = ResponsiblePlayRules.WithDueIncrease(limits, now);
        if (current != limits)
        {
            settings.State.SetLimits(current);
            await settings.WriteStateAsync();
        }

        return current;
    }

    private static void Refuse(GameServerException? refusal)
    {
        if (refusal is not null)
        {
            throw refusal;
        }
    }

    private static void RequirePositive(Money amount)
    {
        if (!amount.IsPositive)
        {
            throw GameServerException.Invalid("amount must be positive.");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Wallet {AccountId}: could not tell the account its VIP level {Level}; the next stake tells it again")]
    private static partial void LogVipLevelNotTold(ILogger logger, long accountId, int level, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Wallet {AccountId}: {OperationId} was already settled another way; the {Type} is not applied")]
    private static partial void LogSettledAlready(ILogger logger, long accountId, string operationId, LedgerEntryType type);
}
