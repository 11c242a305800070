using GameServer.Games;
using GameServer.Players;
using GameServer.Reports;
using GameServer.Wallet;

namespace GameServer.Grains.Journal;

/// <summary>
/// The ledger in this process's memory, for the Development profile and tests. One instance must be
/// shared by every silo of a cluster hosted in one process; nothing survives the process.
/// </summary>
public sealed class InMemoryJournalStore : IJournalStore
{
    private readonly Lock gate = new();
    private readonly SortedDictionary<long, AccountLedger> accounts = [];
    private readonly Dictionary<(GameKey Game, string PeriodId), List<string>> betsByPeriod = [];
    private readonly Dictionary<long, List<string>> betsByUser = [];
    private readonly Dictionary<(GameKey Game, string PeriodId, long UserId), int> betCounts = [];
    private readonly Dictionary<string, BetRecord> bets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BetOutcome> outcomesByBet = new(StringComparer.Ordinal);
    private readonly Dictionary<GameKey, SortedList<string, PeriodResult>> periods = [];
    private readonly Dictionary<GameKey, SortedList<string, OpenedPeriod>> opened = [];
    private readonly Dictionary<string, Withdrawal> withdrawals = new(StringComparer.Ordinal);
    private readonly List<string> withdrawalOrder = [];
    private readonly List<FlaggedDeposit> flaggedDeposits = [];
    private readonly Dictionary<(GameKey Game, DateOnly Day), StoredSeedChain> seedChains = [];
    private readonly List<StaffAction> staffActions = [];
    private readonly HashSet<string> staffActionIds = new(StringComparer.Ordinal);

    public Task<IReadOnlyList<AppendResult>> AppendBatchAsync(IReadOnlyList<JournalAppend> appends, CancellationToken cancellationToken = default)
    {
        var results = new AppendResult[appends.Count];
        lock (gate)
        {
            for (var i = 0; i < appends.Count; i++)
            {
                var entry = appends[i].Entry;
                if (!accounts.TryGetValue(entry.AccountId, out var ledger))
                {
                    accounts[entry.AccountId] = ledger = new AccountLedger();
                }

                results[i] = ledger.ByOperation.TryGetValue(entry.OperationId, out var existing)
                    ? new AppendResult(AppendOutcome.DuplicateOperation, existing)
                    : entry.Seq != ledger.Entries.Count + 1
                        ? new AppendResult(AppendOutcome.SeqConflict)
                        : ledger.Add(entry);
                if (results[i].Outcome == AppendOutcome.Appended)
                {
                    AddCompanions(appends[i]);
                }
            }
        }

        return Task.FromResult<IReadOnlyList<AppendResult>>(results);
    }

    public Task<LedgerEntry?> GetLatestAsync(long accountId, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return Task.FromResult(accounts.TryGetValue(accountId, out var ledger) && ledger.Entries.Count > 0 ? ledger.Entries[^1] : null);
        }
    }

    public Task<LedgerEntry?> FindOperationAsync(long accountId, string operationId, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return Task.FromResult(accounts.TryGetValue(accountId, out var ledger) ? ledger.ByOperation.GetValueOrDefault(operationId) : null);
        }
    }

    public Task<LedgerPage> ReadPageAsync(long accountId, int page, int limit, LedgerEntryType? type = null, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            if (!accounts.TryGetValue(accountId, out var ledger))
            {
                return Task.FromResult(new LedgerPage([], page, limit, 0));
            }

            if (type is null)
            {
                var newestFirst = Enumerable.Range(0, ledger.Entries.Count).Reverse().Skip((page - 1) * limit).Take(limit).Select(i => ledger.Entries[i]).ToList();
                return Task.FromResult(new LedgerPage(newestFirst, page, limit, ledger.Entries.Count));
            }

            var ofType = ledger.Entries.Where(entry => entry.Type == type).Reverse().ToList();
            return Task.FromResult(new LedgerPage(ofType.Skip((page - 1) * limit).Take(limit).ToList(), page, limit, ofType.Count));
        }
    }

    public Task<IReadOnlyList<LedgerEntry>> ReadSinceAsync(long accountId, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            IReadOnlyList<LedgerEntry> found = accounts.TryGetValue(accountId, out var ledger)
                ? ledger.Entries.Where(entry => entry.CreatedAt >= since).ToList()
                : [];
            return Task.FromResult(found);
        }
    }

    public Task<(Money Recharge, Money Withdrawal)> ReadTotalsAsync(long accountId, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            var entries = accounts.TryGetValue(accountId, out var ledger) ? ledger.Entries : [];
            var recharge = entries.Where(e => e.Type == LedgerEntryType.Deposit).Aggregate(Money.Zero, (sum, e) => sum + e.Amount);
            var withdrawal = entries.Where(e => e.Type == LedgerEntryType.WithdrawalPaid).Aggregate(Money.Zero, (sum, e) => sum - e.HeldChange);
            return Task.FromResult((recharge, withdrawal));
        }
    }

    public Task<Money> ReadTurnoverAsync(long accountId, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            var entries = accounts.TryGetValue(accountId, out var ledger) ? ledger.Entries : [];
            return Task.FromResult(entries.Where(e => e.Type is LedgerEntryType.BetStake or LedgerEntryType.BetRefund).Aggregate(Money.Zero, (sum, e) => sum - e.Amount));
        }
    }

    public Task RecordStaffActionAsync(StaffAction action, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            AddStaffAction(action);
        }

        return Task.CompletedTask;
    }

    public Task<StaffActionPage> ReadStaffActionsAsync(StaffActionQuery query, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            var matching = Enumerable.Range(0, staffActions.Count).Reverse().Select(i => staffActions[i])
                .Where(action => (query.StaffId is null || action.StaffId == query.StaffId) && (query.PlayerId is null || action.PlayerId == query.PlayerId)
                    && (query.Kind is null || action.Kind == query.Kind))
                .ToList();
            return Task.FromResult(new StaffActionPage(matching.Skip((query.Page - 1) * query.Limit).Take(query.Limit).ToList(), query.Page, query.Limit, matching.Count));
        }
    }

    private void AddStaffAction(StaffAction action)
    {
        if (staffActionIds.Add(action.ActionId))
        {
            staffActions.Add(action);
        }
    }

    public Task<IReadOnlyList<(long AccountId, Money Stake)>> ReadNetStakesAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            IReadOnlyList<(long, Money)> stakes = accounts
                .Select(account => (account.Key, account.Value.Entries
                    .Where(e => e.CreatedAt >= from && e.CreatedAt < to && e.Type is LedgerEntryType.BetStake or LedgerEntryType.BetRefund)
                    .Aggregate(Money.Zero, (sum, e) => sum - e.Amount)))
                .Where(account => account.Item2.IsPositive)
                .ToList();
            return Task.FromResult(stakes);
        }
    }

    public Task<IReadOnlyList<SettledBet>> ReadPeriodBetsAsync(GameKey game, string periodId, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            IReadOnlyList<SettledBet> found = betsByPeriod.TryGetValue((game, periodId), out var ids) ? ids.Select(Settled).ToList() : [];
            return Task.FromResult(found);
        }
    }

    public Task<IReadOnlyList<BetRecord>> ReadUnsettledBetsAsync(GameKey game, string fromPeriodId, string toPeriodId, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            IReadOnlyList<BetRecord> found = betsByPeriod
                .Where(period => period.Key.Game == game
                    && string.CompareOrdinal(period.Key.PeriodId, fromPeriodId) >= 0 && string.CompareOrdinal(period.Key.PeriodId, toPeriodId) < 0)
                .SelectMany(period => period.Value)
                .Where(betId => !outcomesByBet.ContainsKey(betId))
                .Select(betId => bets[betId])
                .ToList();
            return Task.FromResult(found);
        }
    }

    public Task<int> CountUserBetsAsync(long userId, GameKey game, string periodId, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return Task.FromResult(betCounts.GetValueOrDefault((game, periodId, userId)));
        }
    }

    public Task RecordOutcomesAsync(IReadOnlyList<BetOutcome> outcomes, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            foreach (var outcome in outcomes)
            {
                outcomesByBet.TryAdd(outcome.BetId, outcome);
            }
        }

        return Task.CompletedTask;
    }

    public Task<BetHistoryPage> ReadBetHistoryAsync(long userId, DateTimeOffset from, DateTimeOffset to, int page, int limit, GameFilter? games = null, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            var inRange = (betsByUser.TryGetValue(userId, out var ids) ? ids : [])
                .Select(id => bets[id])
                .Where(bet => bet.PlacedAt >= from && bet.PlacedAt < to && (games is null || games.Matches(bet.Game)))
                .Reverse()
                .ToList();
            var pageOfBets = inRange.Skip((page - 1) * limit).Take(limit).Select(bet => Settled(bet.BetId)).ToList();
            return Task.FromResult(new BetHistoryPage(pageOfBets, page, limit, inRange.Count));
        }
    }

    public Task<OpenedPeriod> SaveOpenedPeriodAsync(OpenedPeriod period, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            if (!opened.TryGetValue(period.Game, out var seeds))
            {
                opened[period.Game] = seeds = new SortedList<string, OpenedPeriod>(StringComparer.Ordinal);
            }

            seeds.TryAdd(period.PeriodId, period);
            return Task.FromResult(seeds[period.PeriodId]);
        }
    }

    public Task<OpenedPeriod?> ReadOpenedPeriodAsync(GameKey game, string periodId, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return Task.FromResult(opened.TryGetValue(game, out var seeds) ? seeds.GetValueOrDefault(periodId) : null);
        }
    }

    public Task<OpenedPeriod?> ReadLatestOpenedPeriodAsync(GameKey game, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return Task.FromResult(opened.TryGetValue(game, out var seeds) && seeds.Count > 0 ? seeds.Values[^1] : null);
        }
    }

    public Task SavePeriodResultAsync(PeriodResult result, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            if (!periods.TryGetValue(result.Game, out var results))
            {
                periods[result.Game] = results = new SortedList<string, PeriodResult>(StringComparer.Ordinal);
            }

            results.TryAdd(result.PeriodId, result);
        }

        return Task.CompletedTask;
    }

    public Task<PeriodResult?> ReadPeriodResultAsync(GameKey game, string periodId, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return Task.FromResult(periods.TryGetValue(game, out var results) ? results.GetValueOrDefault(periodId) : null);
        }
    }

    public Task<PeriodResultPage> ReadPeriodResultsAsync(GameKey game, int page, int limit, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            if (!periods.TryGetValue(game, out var results))
            {
                return Task.FromResult(new PeriodResultPage([], page, limit, 0));
            }

            var newestFirst = Enumerable.Range(0, results.Count).Reverse().Skip((page - 1) * limit).Take(limit).Select(i => results.Values[i]).ToList();
            return Task.FromResult(new PeriodResultPage(newestFirst, page, limit, results.Count));
        }
    }

    public Task<Withdrawal?> ReadWithdrawalAsync(string withdrawalId, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return Task.FromResult(withdrawals.GetValueOrDefault(withdrawalId));
        }
    }

    public Task<WithdrawalPage> ReadWithdrawalsAsync(WithdrawalQuery query, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            var matching = Enumerable.Range(0, withdrawalOrder.Count).Reverse().Select(i => withdrawals[withdrawalOrder[i]])
                .Where(withdrawal => (query.Status is null || withdrawal.Status == query.Status) && (query.UserId is null || withdrawal.UserId == query.UserId))
                .ToList();
            var page = matching.Skip((query.Page - 1) * query.Limit).Take(query.Limit).ToList();
            return Task.FromResult(new WithdrawalPage(page, query.Page, query.Limit, matching.Count));
        }
    }

    public Task<FlaggedDepositPage> ReadFlaggedDepositsAsync(long? userId, int page, int limit, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            var matching = Enumerable.Range(0, flaggedDeposits.Count).Reverse().Select(i => flaggedDeposits[i])
                .Where(flag => userId is null || flag.UserId == userId).ToList();
            return Task.FromResult(new FlaggedDepositPage(matching.Skip((page - 1) * limit).Take(limit).ToList(), page, limit, matching.Count));
        }
    }

    public Task<StoredSeedChain> SaveSeedChainAsync(StoredSeedChain chain, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            seedChains.TryAdd((chain.Game, chain.Day), chain);
            return Task.FromResult(seedChains[(chain.Game, chain.Day)]);
        }
    }

    public Task<StoredSeedChain?> ReadSeedChainAsync(GameKey game, DateOnly day, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return Task.FromResult(seedChains.GetValueOrDefault((game, day)));
        }
    }

    public Task<IReadOnlyList<DayAnchor>> ReadDayAnchorsAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            IReadOnlyList<DayAnchor> found = seedChains.Values.Where(chain => chain.Day >= from && chain.Day <= to)
                .OrderBy(chain => chain.Day).ThenBy(chain => chain.Game.ToString(), StringComparer.Ordinal)
                .Select(chain => new DayAnchor(chain.Game, chain.Day, chain.Anchor, chain.CreatedAt)).ToList();
            return Task.FromResult(found);
        }
    }

    public Task<IReadOnlyList<PeriodResult>> ReadPeriodResultsBetweenAsync(GameKey game, string fromPeriodId, string toPeriodId, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            IReadOnlyList<PeriodResult> found = periods.TryGetValue(game, out var results)
                ? results.Values.Where(result => InRange(result.PeriodId, fromPeriodId, toPeriodId)).OrderBy(result => result.PeriodId, StringComparer.Ordinal).ToList()
                : [];
            return Task.FromResult(found);
        }
    }

    public Task<IReadOnlyList<PeriodBetTotals>> ReadPeriodBetTotalsAsync(GameKey game, string fromPeriodId, string toPeriodId, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            IReadOnlyList<PeriodBetTotals> totals = BetsBetween(game, fromPeriodId, toPeriodId)
                .GroupBy(settled => settled.Bet.PeriodId)
                .OrderBy(period => period.Key, StringComparer.Ordinal)
                .Select(period => new PeriodBetTotals(period.Key, period.Count(),
                    period.Aggregate(Money.Zero, (sum, settled) => sum + settled.Bet.Stake),
                    period.Where(settled => settled.Outcome?.Kind == BetOutcomeKind.Won).Aggregate(Money.Zero, (sum, settled) => sum + settled.Outcome!.Payout),
                    period.Where(settled => settled.Outcome?.Kind == BetOutcomeKind.Refunded).Aggregate(Money.Zero, (sum, settled) => sum + settled.Outcome!.Payout),
                    period.Count(settled => settled.Outcome is null)))
                .ToList();
            return Task.FromResult(totals);
        }
    }

    public Task<IReadOnlyList<SelectionStake>> ReadStakesBySelectionAsync(GameKey game, string fromPeriodId, string toPeriodId, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            IReadOnlyList<SelectionStake> stakes = BetsBetween(game, fromPeriodId, toPeriodId)
                .Where(settled => settled.Outcome?.Kind != BetOutcomeKind.Refunded)
                .GroupBy(settled => settled.Bet.Selection)
                .Select(selection => new SelectionStake(selection.Key, selection.Aggregate(Money.Zero, (sum, settled) => sum + settled.Bet.Stake)))
                .ToList();
            return Task.FromResult(stakes);
        }
    }

    private List<SettledBet> BetsBetween(GameKey game, string fromPeriodId, string toPeriodId) =>
        betsByPeriod.Where(period => period.Key.Game == game && InRange(period.Key.PeriodId, fromPeriodId, toPeriodId))
            .SelectMany(period => period.Value).Select(Settled).ToList();

    private static bool InRange(string periodId, string from, string to) =>
        string.CompareOrdinal(periodId, from) >= 0 && string.CompareOrdinal(periodId, to) <= 0;

    public Task AuditAsync(LedgerAuditor auditor, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            foreach (var entry in accounts.Values.SelectMany(ledger => ledger.Entries))
            {
                auditor.Observe(entry);
            }
        }

        return Task.CompletedTask;
    }

    /// <remarks>Reads every entry, bet and outcome: fine for Development and tests, which is all this store is for.</remarks>
    public Task<IReadOnlyList<ReportDay>> ReadDailyReportAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        var (start, end) = ReportRules.Bounds(from, to);
        bool InRange(DateTimeOffset at) => at >= start && at < end;
        lock (gate)
        {
            var movements = accounts.Values.SelectMany(ledger => ledger.Entries).Where(entry => InRange(entry.CreatedAt))
                .GroupBy(entry => (Day: ReportRules.DayOf(entry.CreatedAt), entry.Type))
                .Select(group => new MovementRow(group.Key.Day, group.Key.Type, group.Aggregate(Money.Zero, (sum, entry) => sum + LedgerAuditor.Magnitude(entry)),
                    group.LongCount(), group.Select(entry => entry.AccountId).Distinct().LongCount()))
                .ToList();
            var placed = bets.Values.Where(bet => InRange(bet.PlacedAt))
                .GroupBy(bet => (Day: ReportRules.DayOf(bet.PlacedAt), bet.Game))
                .Select(group => new PlacedBetsRow(group.Key.Day, group.Key.Game, group.Select(bet => bet.UserId).Distinct().LongCount(), group.LongCount(),
                    group.Aggregate(Money.Zero, (sum, bet) => sum + bet.Stake)))
                .ToList();
            var settled = outcomesByBet.Values.Where(outcome => InRange(outcome.SettledAt))
                .GroupBy(outcome => (Day: ReportRules.DayOf(outcome.SettledAt), outcome.Game))
                .Select(group => new SettledBetsRow(group.Key.Day, group.Key.Game,
                    group.Where(outcome => outcome.Kind == BetOutcomeKind.Won).Aggregate(Money.Zero, (sum, outcome) => sum + outcome.Payout),
                    group.Where(outcome => outcome.Kind == BetOutcomeKind.Refunded).Aggregate(Money.Zero, (sum, outcome) => sum + outcome.Payout)))
                .ToList();
            return Task.FromResult(ReportAssembly.Days(from, to, movements, placed, settled));
        }
    }

    private void AddCompanions(JournalAppend append)
    {
        if (append.Action is { } action)
        {
            AddStaffAction(action);
        }

        if (append.Bet is { } bet)
        {
            AddBet(bet);
        }

        if (append.Withdrawal is { } withdrawal && withdrawals.TryAdd(withdrawal.WithdrawalId, withdrawal with { Status = WithdrawalStatus.Pending }))
        {
            withdrawalOrder.Add(withdrawal.WithdrawalId);
        }

        if (append.Decision is { } decision && withdrawals.TryGetValue(decision.WithdrawalId, out var decided) && decided.Status == WithdrawalStatus.Pending)
        {
            withdrawals[decision.WithdrawalId] = decided with
            {
                Status = decision.Paid ? WithdrawalStatus.Paid : WithdrawalStatus.Rejected,
                DecidedBy = decision.DecidedBy,
                DecidedAt = decision.DecidedAt,
                Reason = decision.Reason,
            };
        }

        if (append.Flag is { } flag)
        {
            flaggedDeposits.Add(flag);
        }
    }

    private void AddBet(BetRecord bet)
    {
        bets[bet.BetId] = bet;
        if (!betsByPeriod.TryGetValue((bet.Game, bet.PeriodId), out var inPeriod))
        {
            betsByPeriod[(bet.Game, bet.PeriodId)] = inPeriod = [];
        }

        inPeriod.Add(bet.BetId);
        betCounts[(bet.Game, bet.PeriodId, bet.UserId)] = betCounts.GetValueOrDefault((bet.Game, bet.PeriodId, bet.UserId)) + 1;
        if (!betsByUser.TryGetValue(bet.UserId, out var ofUser))
        {
            betsByUser[bet.UserId] = ofUser = [];
        }

        ofUser.Add(bet.BetId);
    }

    private SettledBet Settled(string betId) => new(bets[betId], outcomesByBet.GetValueOrDefault(betId));

    private sealed class AccountLedger
    {
        public List<LedgerEntry> Entries { get; } = [];
        public Dictionary<string, LedgerEntry> ByOperation { get; } = new(StringComparer.Ordinal);

        public AppendResult Add(LedgerEntry entry)
        {
            Entries.Add(entry);
            ByOperation[entry.OperationId] = entry;
            return AppendResult.Appended;
        }
    }
}
