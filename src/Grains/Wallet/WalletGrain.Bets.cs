using GameServer.Games;
using GameServer.Wallet;

namespace GameServer.Grains.Wallet;

/// <summary>The betting side of the wallet: stakes, payouts and refunds.</summary>
public sealed partial class WalletGrain
{
    private readonly Dictionary<GameKey, (string PeriodId, int Count)> betsThisPeriod = [];

    public async Task<BetReceipt> PlaceBet(BetRequest request)
    {
        var operationId = $"bet:{request.BetId}";
        var reference = $"bet:{request.Game}:{request.Selection}";
        if (recent.TryGetValue(operationId, out var remembered))
        {
            return RepeatedBet(request, remembered, reference);
        }

        try
        {
            return await StakeNewBet(request, operationId, reference);
        }
        catch (GameServerException)
        {
            // A retry of a bet that went through must get its receipt, even once betting has closed.
            var earlier = await journal.Store.FindOperationAsync(AccountId, operationId);
            if (earlier is null)
            {
                throw;
            }

            return RepeatedBet(request, Remember(earlier), reference);
        }
    }

    private async Task<BetReceipt> StakeNewBet(BetRequest request, string operationId, string reference)
    {
        var limits = gameOptions.Value;
        await ApplyDueLimitIncrease();
        await RefreshTally();
        RequireNotSelfExcluded("bet");
        if (request.Stake.MinorUnits < limits.MinStakeMinorUnits || request.Stake.MinorUnits > limits.MaxStakeMinorUnits)
        {
            throw GameServerException.Invalid($"The stake must be {new Money(limits.MinStakeMinorUnits)} to {new Money(limits.MaxStakeMinorUnits)}.");
        }

        if (settings.State.DailyLossLimit is { } lossLimit && today.NetLoss + request.Stake > lossLimit)
        {
            throw GameServerException.Conflict($"This bet could pass your daily loss limit of {lossLimit}.");
        }

        string? BalanceProblem() => request.Stake > available ? $"The balance of {available} does not cover a stake of {request.Stake}." : null;
        if (BalanceProblem() is { } poor)
        {
            throw GameServerException.Conflict(poor);
        }

        // The game decides by its own clock which period is open: this silo's clock may differ from the one that draws.
        var game = GrainFactory.GetGrain<IGamePeriodGrain>(request.Game.ToString());
        var period = (await game.AdmitBet(request.PeriodId)).Period;
        if (await BetsPlaced(request.Game, period.PeriodId) >= limits.MaxBetsPerPlayerPerPeriod)
        {
            throw GameServerException.Conflict($"At most {limits.MaxBetsPerPlayerPerPeriod} bets per player per period.");
        }

        var bet = new BetRecord(request.BetId, AccountId, request.Game, period.PeriodId, request.Selection, request.Stake, clock.GetUtcNow());
        var applied = await Apply(
            new LedgerChange(operationId, LedgerEntryType.BetStake, -request.Stake, Money.Zero, reference, period.PeriodId) { Bet = bet },
            BalanceProblem);
        if (applied.Appended)
        {
            GameServerMetrics.BetsPlaced.Add(1);
            betsThisPeriod[request.Game] = (period.PeriodId, betsThisPeriod[request.Game].Count + 1);
            game.RecordBet(period.PeriodId, request.Stake).Ignore();
        }

        return Receipt(request, applied.Entry);
    }

    public async Task<Balance> SettleBets(PeriodSettlement settlement)
    {
        foreach (var outcome in settlement.Outcomes.Where(outcome => outcome.Kind == BetOutcomeKind.Won && outcome.Payout.IsPositive))
        {
            await SettleOnce(new LedgerChange(SettlementOperation(outcome.BetId), LedgerEntryType.BetPayout, outcome.Payout, Money.Zero,
                $"payout:{outcome.BetId}", settlement.PeriodId));
        }

        // The period grain tells the player, with this balance, in its batched settlement notice.
        return CurrentBalance;
    }

    public async Task<Balance> RefundBets(IReadOnlyList<BetRecord> bets)
    {
        foreach (var bet in bets)
        {
            await SettleOnce(new LedgerChange(SettlementOperation(bet.BetId), LedgerEntryType.BetRefund, bet.Stake, Money.Zero, $"refund:{bet.BetId}", bet.PeriodId));
        }

        // The period grain tells the player, with this balance.
        return CurrentBalance;
    }

    /// <summary>
    /// A bet's payout and its refund share one operation id: whatever happens to a settlement, a bet
    /// moves money back to the player at most once.
    /// </summary>
    private static string SettlementOperation(string betId) => $"settle:{betId}";

    private async Task SettleOnce(LedgerChange change)
    {
        try
        {
            await Apply(change, () => null);
        }
        catch (GameServerException conflict) when (conflict.Kind == ErrorKind.Conflict)
        {
            // Settled the other way before (refunded, then found drawn, or the reverse): the first stands.
            LogSettledAlready(logger, AccountId, change.OperationId, change.Type);
        }
    }

    [Microsoft.Extensions.Logging.LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Warning,
        Message = "Wallet {AccountId}: {OperationId} was already settled another way; the {Type} is not applied")]
    private static partial void LogSettledAlready(Microsoft.Extensions.Logging.ILogger logger, long accountId, string operationId, LedgerEntryType type);

    public Task<BetHistoryPage> GetBetHistory(DateTimeOffset? from, DateTimeOffset? to, int page, int limit)
    {
        var now = clock.GetUtcNow();
        return journal.Store.ReadBetHistoryAsync(AccountId, from ?? now - options.Value.BetHistoryDays, to ?? now + BetHistoryLookAhead, page, limit);
    }

    /// <summary>Bets are stamped by the clock of the silo that staked them, which may run a little ahead of this one.</summary>
    private static readonly TimeSpan BetHistoryLookAhead = TimeSpan.FromDays(1);

    private async Task<int> BetsPlaced(GameKey game, string periodId)
    {
        if (!betsThisPeriod.TryGetValue(game, out var counted) || counted.PeriodId != periodId)
        {
            counted = (periodId, await journal.Store.CountUserBetsAsync(AccountId, game, periodId));
            betsThisPeriod[game] = counted;
        }

        return counted.Count;
    }

    /// <summary>The receipt of a bet staked before; the same key naming another period or stake is a different request.</summary>
    private BetReceipt RepeatedBet(BetRequest request, LedgerEntry earlier, string reference)
    {
        var change = new LedgerChange(earlier.OperationId, LedgerEntryType.BetStake, -request.Stake, Money.Zero, reference);
        if (!change.IsAnsweredBy(earlier) || (request.PeriodId is { } asked && asked != earlier.Memo))
        {
            throw GameServerException.Conflict("This bet id was already used for a different bet.");
        }

        return Receipt(request, earlier);
    }

    private BetReceipt Receipt(BetRequest request, LedgerEntry entry) =>
        new(request.BetId, entry.Memo ?? "", request.Stake, CurrentBalance, entry.CreatedAt);
}
