using GameServer.Games;
using GameServer.Wallet;

namespace GameServer.Grains.Wallet;

/// <summary>The betting side of the wallet: stakes, payouts and refunds.</summary>
public sealed partial class WalletGrain
{
    private readonly Dictionary<GameKey, (string PeriodId, int Count)> betsThisPeriod = [];

    public async Task<BetReceipt> PlaceBet(BetRequest request)
    {
        var now = clock.GetUtcNow();
        var operationId = $"bet:{request.BetId}";
        var reference = $"bet:{request.Game}:{request.Selection}";
        if (recent.TryGetValue(operationId, out var remembered))
        {
            return Receipt(request, Repeat(remembered, LedgerEntryType.BetStake, -request.Stake, Money.Zero, reference));
        }

        var period = Schedule.PeriodAt(request.Game, now);
        var limits = gameOptions.Value;
        await ApplyDueLimitIncrease();
        await RefreshTally();
        var refusal =
            (SelfExclusionProblem("bet") is { } excluded ? GameServerException.Forbidden(excluded) : null)
            ?? (request.PeriodId is { } asked && asked != period.PeriodId
                ? GameServerException.Conflict($"Period {asked} is not open for bets; the open period is {period.PeriodId}.") : null)
            ?? (!period.AcceptsBetsAt(now) ? GameServerException.Conflict($"Betting on period {period.PeriodId} closed at {period.BettingClosesAt:u}.") : null)
            ?? (request.Stake.MinorUnits < limits.MinStakeMinorUnits || request.Stake.MinorUnits > limits.MaxStakeMinorUnits
                ? GameServerException.Invalid($"The stake must be {new Money(limits.MinStakeMinorUnits)} to {new Money(limits.MaxStakeMinorUnits)}.") : null)
            ?? (await BetsPlaced(request.Game, period.PeriodId) >= limits.MaxBetsPerPlayerPerPeriod
                ? GameServerException.Conflict($"At most {limits.MaxBetsPerPlayerPerPeriod} bets per player per period.") : null)
            ?? (settings.State.DailyLossLimit is { } lossLimit && today.NetLoss + request.Stake > lossLimit
                ? GameServerException.Conflict($"This bet could pass your daily loss limit of {lossLimit}.") : null);
        if (refusal is not null)
        {
            // A retry of a bet that went through must get its receipt, even once betting has closed.
            var earlier = await journal.Store.FindOperationAsync(AccountId, operationId);
            return earlier is not null
                ? Receipt(request, Repeat(Remember(earlier), LedgerEntryType.BetStake, -request.Stake, Money.Zero, reference))
                : throw refusal;
        }

        var bet = new BetRecord(request.BetId, AccountId, request.Game, period.PeriodId, request.Selection, request.Stake, now);
        var entry = await Apply(operationId, LedgerEntryType.BetStake, -request.Stake, Money.Zero, reference, period.PeriodId,
            () => request.Stake > available ? $"The balance of {available} does not cover a stake of {request.Stake}." : null, bet);
        var placedNow = entry.CreatedAt == now && entry.Memo == period.PeriodId; // not a repeat of an earlier attempt
        if (placedNow)
        {
            GameServerMetrics.BetsPlaced.Add(1);
            betsThisPeriod[request.Game] = (period.PeriodId, betsThisPeriod[request.Game].Count + 1);
            GrainFactory.GetGrain<IGamePeriodGrain>(request.Game.ToString()).RecordBet(period.PeriodId, request.Stake).Ignore();
        }

        return Receipt(request, entry);
    }

    public async Task<Balance> SettleBets(PeriodSettlement settlement)
    {
        foreach (var outcome in settlement.Outcomes.Where(outcome => outcome.Kind == BetOutcomeKind.Won && outcome.Payout.IsPositive))
        {
            await Apply($"payout:{outcome.BetId}", LedgerEntryType.BetPayout, outcome.Payout, Money.Zero, $"payout:{outcome.BetId}", settlement.PeriodId, () => null);
        }

        // The period grain tells the player, with this balance, in its batched settlement notice.
        return new Balance(available, held, seq);
    }

    public async Task<Balance> RefundBets(IReadOnlyList<BetRecord> bets)
    {
        foreach (var bet in bets)
        {
            await Apply($"refund:{bet.BetId}", LedgerEntryType.BetRefund, bet.Stake, Money.Zero, $"refund:{bet.BetId}", bet.PeriodId, () => null);
        }

        // The period grain tells the player, with this balance.
        return new Balance(available, held, seq);
    }

    public Task<BetHistoryPage> GetBetHistory(DateTimeOffset from, DateTimeOffset to, int page, int limit) =>
        journal.Store.ReadBetHistoryAsync(AccountId, from, to, page, limit);

    private async Task<int> BetsPlaced(GameKey game, string periodId)
    {
        if (!betsThisPeriod.TryGetValue(game, out var counted) || counted.PeriodId != periodId)
        {
            counted = (periodId, await journal.Store.CountUserBetsAsync(AccountId, game, periodId));
            betsThisPeriod[game] = counted;
        }

        return counted.Count;
    }

    private BetReceipt Receipt(BetRequest request, LedgerEntry entry) =>
        new(request.BetId, entry.Memo ?? "", request.Stake, new Balance(available, held, seq), entry.CreatedAt);
}
