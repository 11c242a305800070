using GameServer.Games;
using GameServer.Grains.Journal;
using GameServer.Wallet;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Streams;

namespace GameServer.Grains.Games;

/// <summary>
/// Runs one game at one duration. A timer looks at the clock every tick; a reminder re-activates the
/// grain on another silo if its silo fails. A catch-up first draws every period that has ended (the
/// oldest first, including those missed while the grain was down) and opens the current one, and only
/// then settles the drawn periods: the next period is open, and bets are admitted to it, while the last
/// one is paid. Every seed comes from its day's chain, made and anchored a day ahead by the
/// <see cref="SeedChainCalendarGrain"/>; without one published in time the game takes no bet (503) but
/// still serves its results and settles what it drew. Settlement reads the bets from the journal, pays each winner's wallet (idempotent by
/// bet id) and records the outcomes, which is also its checkpoint: a resumed settlement skips the bets
/// that already have one. Seeds live in the journal, not in grain state, so they are exactly as durable
/// as the bets they decide.
/// </summary>
/// <remarks>
/// Bet admission and the reads interleave with the grain's turns, so a wallet waiting to have a bet
/// admitted never waits behind a settlement that is itself waiting on that wallet's payout.
/// </remarks>
public sealed partial class GamePeriodGrain(
    IGameHistory history,
    IBetBook betBook,
    IHistoryReads historyReads,
    GameClock clock,
    IOptions<GameOptions> options,
    IOptions<FairnessOptions> fairness,
    ILogger<GamePeriodGrain> logger) : Grain, IGamePeriodGrain, IRemindable
{
    private const string KeepAliveReminder = "keep-alive";
    private static readonly TimeSpan KeepAlivePeriod = TimeSpan.FromMinutes(1);

    /// <summary>How long a day found without a usable chain is taken as still without one.</summary>
    private static readonly TimeSpan MissingChainRecheck = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Periods that ended while the grain was down are drawn, for the results feed, back this far; no bet
    /// was taken on any of them (only the open period takes bets), and the archive shows all from the chain.
    /// </summary>
    private static readonly TimeSpan CatchUpDrawWindow = TimeSpan.FromDays(1);

    private readonly List<PeriodResult> recent = [];
    private GameKey game;
    private IAsyncStream<GameEvent> events = null!;
    private OpenedPeriod? opened;
    private string? bettingClosedAnnounced;
    private bool resumed;
    private string? lastDrawnPeriodId;

    /// <summary>Days' chains as last read: a usable one is kept, a missing or late one looked for again after <see cref="MissingChainRecheck"/>.</summary>
    private readonly Dictionary<DateOnly, (SeedChain? Chain, DateTimeOffset ReadAt)> chains = [];
    private readonly HashSet<DateOnly> lateChainsLogged = [];

    /// <summary>Periods whose stored seed is not their chain's: never open for bets, and skipped once over.</summary>
    private readonly HashSet<string> refused = new(StringComparer.Ordinal);

    /// <summary>
    /// Drawn periods whose late-written bets are still to be looked for: the settlement of the period after
    /// does it; when that one is not played (no chain, a refused seed, an outage), a sweep one period later.
    /// </summary>
    private readonly List<Period> awaitingStragglers = [];
    private (string PeriodId, long Bets, Money Stake) live;

    /// <summary>Drawn periods waiting for their bets to be settled, oldest first.</summary>
    private readonly Queue<(Period Period, GameResult Result)> toSettle = new();

    /// <summary>The running draw-and-open, one at a time: every ended period drawn, the current one open. It never waits on a wallet.</summary>
    private Task opening = Task.CompletedTask;

    /// <summary>The running settlement of the drawn periods, one at a time; it waits on wallets.</summary>
    private Task settling = Task.CompletedTask;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!GameKey.TryParse(this.GetPrimaryKeyString(), out game))
        {
            throw new InvalidOperationException($"'{this.GetPrimaryKeyString()}' is not a game key such as wingo-60.");
        }

        events = this.GetStreamProvider(GameStreams.ProviderName).GetStream<GameEvent>(GameStreamIds.ForGame(game));
        var newest = (await history.ReadPeriodResultsAsync(game, 1, Math.Max(1, options.Value.RecentResults), cancellationToken)).Results;
        recent.AddRange(newest.Take(options.Value.RecentResults));
        lastDrawnPeriodId = newest.Count > 0 ? newest[0].PeriodId : null;
        opened = await ResumableOpening(await history.ReadLatestOpenedPeriodAsync(game, cancellationToken));
        await this.RegisterOrUpdateReminder(KeepAliveReminder, KeepAlivePeriod, KeepAlivePeriod, cancellationToken);
        this.RegisterGrainTimer(_ => CatchUp(), new GrainTimerCreationOptions(options.Value.TickInterval, options.Value.TickInterval) { KeepAlive = true });

        // Settlement runs after activation: it waits on wallets, and a wallet may be waiting on this
        // activation to have a bet admitted.
        await TryOpenCurrentPeriod();
        SettleDrawnPeriods().Ignore();
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => CatchUp();

    /// <summary>Opens what is due and settles what is drawn; a period that cannot open yet (no chain) does not hold up the settlement.</summary>
    public async Task CatchUp()
    {
        await TryOpenCurrentPeriod();
        await SettleDrawnPeriods();
    }

    public async Task<OpenPeriod> GetOpenPeriod()
    {
        await OpenCurrentPeriod();
        Schedule.TryParse(game, opened!.PeriodId, out var open);
        var (bets, stake) = live.PeriodId == open.PeriodId ? (live.Bets, live.Stake) : (0, Money.Zero);
        return new OpenPeriod(open, FairDraw.Commit(opened.Seed), bets, stake, clock.GetUtcNow());
    }

    public async Task<BetAdmission> AdmitBet(string? periodId)
    {
        var now = clock.GetUtcNow();
        var current = Schedule.PeriodAt(game, now);
        // The period began a moment ago and the timer has not opened it yet; a draw-and-open already under
        // way may have started before the boundary, so a second one may be needed.
        for (var attempt = 0; attempt < 2 && opened?.PeriodId != current.PeriodId; attempt++)
        {
            await OpenCurrentPeriod();
            now = clock.GetUtcNow();
            current = Schedule.PeriodAt(game, now);
        }

        if (periodId is not null && periodId != current.PeriodId)
        {
            throw GameServerException.Conflict($"Period {ClientText.Cut(periodId)} is not open for bets; the open period is {current.PeriodId}.");
        }

        if (refused.Contains(current.PeriodId))
        {
            throw GameServerException.Unavailable($"The {game} game is closed for period {current.PeriodId}; try the next one.");
        }

        // A result already stored for it (drawn by an activation whose clock ran ahead) ends the period whatever this clock says.
        if (opened?.PeriodId != current.PeriodId || !current.AcceptsBetsAt(now) || IsDrawn(current.PeriodId))
        {
            throw GameServerException.Conflict($"Betting on period {current.PeriodId} closed at {current.BettingClosesAt:u}.");
        }

        return new BetAdmission(current);
    }

    public Task RecordBet(string periodId, Money stake)
    {
        live = live.PeriodId == periodId ? (periodId, live.Bets + 1, live.Stake + stake) : (periodId, 1, stake);
        return Task.CompletedTask;
    }

    /// <remarks>
    /// The newest results come from this grain's memory; older pages and the total come from the history
    /// reads, which may be a read replica up to <c>Database:ReplicaMaxLag</c> behind: just after a draw,
    /// before the replica has it, an older page starts one period later in the past than the primary's
    /// would, leaving out the result between it and the page before (which a reload shows).
    /// </remarks>
    public async Task<PeriodResultPage> GetResults(int page, int limit)
    {
        // A period that has just ended is drawn first, so that the results agree with the open period.
        await TryOpenCurrentPeriod();
        if (page * limit <= recent.Count)
        {
            return new PeriodResultPage(recent.Skip((page - 1) * limit).Take(limit).ToList(), page, limit,
                (await historyReads.ReadPeriodResultsAsync(game, 1, 1)).Total);
        }

        return await historyReads.ReadPeriodResultsAsync(game, page, limit);
    }

    public async Task<PeriodProof> GetPeriod(string periodId)
    {
        if (!Schedule.TryParse(game, periodId, out var period))
        {
            throw GameServerException.NotFound($"{ClientText.Cut(periodId)} is not a period of {game}.");
        }

        await TryOpenCurrentPeriod();

        if (periodId == opened?.PeriodId && !IsDrawn(periodId))
        {
            return new PeriodProof(period, FairDraw.Commit(opened.Seed), null, null, FairDraw.Algorithm);
        }

        var drawn = recent.FirstOrDefault(result => result.PeriodId == periodId) ?? await history.ReadPeriodResultAsync(game, periodId)
            ?? throw GameServerException.NotFound(period.StartsAt > clock.GetUtcNow() ? $"Period {periodId} has not opened yet." : $"Period {periodId} was not played.");
        return new PeriodProof(period, drawn.Commit, drawn.Seed, drawn.Result, FairDraw.Algorithm);
    }

    /// <summary>Waits until every ended period is drawn and the current one is open, never for a settlement; a failure is a retryable 503.</summary>
    private async Task OpenCurrentPeriod()
    {
        if (opening.IsCompleted)
        {
            opening = DrawEndedPeriodsAndOpenTheCurrentOne();
        }

        try
        {
            await opening;
        }
        catch (Exception exception) when (exception is not GameServerException)
        {
            LogOpeningFailed(logger, game, exception);
            throw GameServerException.Unavailable($"The {game} game is opening its next period; try again in a moment.");
        }
    }

    /// <summary>For reads and ticks: what can be drawn and opened is; a game that cannot open its period (503) still serves what it has.</summary>
    private async Task TryOpenCurrentPeriod()
    {
        try
        {
            await OpenCurrentPeriod();
        }
        catch (GameServerException exception) when (exception.Kind == ErrorKind.Unavailable)
        {
            // Logged where it arose (opening failed, or no chain); betting stays closed meanwhile.
        }
    }

    private bool IsDrawn(string periodId) => periodId == lastDrawnPeriodId || recent.Exists(result => result.PeriodId == periodId);

    /// <summary>
    /// The period the last activation left open, if this one may carry on with it. One ahead of this
    /// silo's clock is left for its time (the opening starts from now and finds it again then). One
    /// whose seed is not its day's chain's takes no more bets; if bets were placed against its commit
    /// (opened before the chain existed), it is still drawn with that seed, so that they are settled by
    /// the commit they saw.
    /// </summary>
    private async Task<OpenedPeriod?> ResumableOpening(OpenedPeriod? stored)
    {
        if (stored is null || !Schedule.TryParse(game, stored.PeriodId, out var period) || period.StartsAt > clock.GetUtcNow())
        {
            return null;
        }

        if (await ChainOf(Schedule.DayOf(period)) is not { } dayChain || dayChain.SeedOf(Schedule.IndexOf(period)).AsSpan().SequenceEqual(stored.Seed))
        {
            return stored;
        }

        Refuse(period.PeriodId);
        return (await betBook.ReadPeriodBetsAsync(game, stored.PeriodId)).Count > 0 ? stored : null;
    }

    private void Refuse(string periodId)
    {
        if (refused.Count >= MostRefusedRemembered)
        {
            refused.Clear();
        }

        if (refused.Add(periodId))
        {
            LogForeignSeed(logger, game, periodId);
        }
    }

    private const int MostRefusedRemembered = 1_000;

    private Task SettleDrawnPeriods()
    {
        if (settling.IsCompleted)
        {
            settling = SettleQueue();
        }

        return settling;
    }

    /// <summary>The first period the opening has not drawn: the open one, or the one after the last drawn if the next could not open.</summary>
    private Period FirstPeriodNotDrawn() =>
        opened is not null && Schedule.TryParse(game, opened.PeriodId, out var open)
            ? IsDrawn(open.PeriodId) ? Schedule.Next(open) : open
            : Schedule.PeriodAt(game, clock.GetUtcNow());

    /// <summary>Settles the queued periods in order; a failure leaves the rest queued for the next tick.</summary>
    private async Task SettleQueue()
    {
        try
        {
            if (!resumed)
            {
                // The last activation may have stopped between drawing periods and paying them.
                // Up to what the opening reached, not the clock: a period that ended since it read the clock is not yet drawn.
                await SettleWhatTheLastActivationLeft(toSettle.TryPeek(out var first) ? first.Period : FirstPeriodNotDrawn());
                resumed = true;
            }

            while (toSettle.TryPeek(out var drawn))
            {
                await Settle(drawn.Period, drawn.Result);
                toSettle.Dequeue();
            }

            await SweepPeriodsWhoseNextWasNotPlayed();
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogSettlementFailed(logger, game, exception);
            throw;
        }
    }

    /// <summary>Draws every ended period, oldest first, opening the next after each, and queues them for settlement.</summary>
    private async Task DrawEndedPeriodsAndOpenTheCurrentOne()
    {
        var now = clock.GetUtcNow();
        if (opened is null || !Schedule.TryParse(game, opened.PeriodId, out var open))
        {
            open = Schedule.PeriodAt(game, now);
            await Open(open, announce: true);
        }

        while (open.EndsAt <= now)
        {
            // Drawn once: a next period that could not open (no chain) leaves this one the last opened.
            if (!IsDrawn(open.PeriodId))
            {
                // Its seed is the one stored when it opened: the commit its bets were placed against.
                toSettle.Enqueue((open, await Draw(open, opened!.Seed, announce: open.EndsAt > now - game.Duration)));
                awaitingStragglers.Add(open);
            }

            var next = await NextToOpen(open, now);
            await Open(next, announce: next.EndsAt > now);
            open = next;
        }

        if (now >= open.BettingClosesAt && bettingClosedAnnounced != open.PeriodId)
        {
            bettingClosedAnnounced = open.PeriodId;
            await Publish(new BettingClosed(game, open.PeriodId, open.EndsAt));
        }
    }

    /// <summary>
    /// The period after <paramref name="drawn"/>; after an outage, the first of the last day's missed
    /// periods, or the current one when that day has no chain: no bet was taken on a missed period.
    /// </summary>
    private async Task<Period> NextToOpen(Period drawn, DateTimeOffset now)
    {
        var next = Schedule.Next(drawn);

        // A refused period took no bet: once it is over, go on past it.
        while (refused.Contains(next.PeriodId) && next.EndsAt <= now)
        {
            next = Schedule.Next(next);
        }

        if (next.EndsAt > now)
        {
            return next;
        }

        var earliest = Schedule.PeriodAt(game, now - CatchUpDrawWindow);
        if (next.StartsAt < earliest.StartsAt)
        {
            next = earliest;
        }

        return await ChainOf(Schedule.DayOf(next)) is null ? Schedule.PeriodAt(game, now) : next;
    }

    private async Task Open(Period period, bool announce)
    {
        var closed = GameServerException.Unavailable($"The {game} game cannot open period {period.PeriodId}; betting stays closed until the next one.");
        if (refused.Contains(period.PeriodId))
        {
            throw closed;
        }

        var seed = await CommittedSeed(period);

        // If an earlier activation opened this period already, its stored seed stays: the same, from the same chain.
        var stored = await history.SaveOpenedPeriodAsync(new OpenedPeriod(game, period.PeriodId, seed));
        if (!stored.Seed.AsSpan().SequenceEqual(seed))
        {
            Refuse(period.PeriodId);
            throw closed;
        }

        opened = stored;
        live = (period.PeriodId, 0, Money.Zero);
        if (announce)
        {
            await Publish(new PeriodOpened(game, period.PeriodId, period.BettingClosesAt, period.EndsAt, FairDraw.Commit(opened.Seed)));
        }
    }

    /// <summary>
    /// The period's seed from its day's chain, published a day ahead (SPEC §3 rule 5). Without one the
    /// period is not opened, and no bet taken, rather than a seed made up now (503).
    /// </summary>
    private async Task<byte[]> CommittedSeed(Period period)
    {
        var day = Schedule.DayOf(period);
        var dayChain = await ChainOf(day)
            ?? throw GameServerException.Unavailable($"No seed chain of {game} for {day:yyyy-MM-dd} was published 24 h ahead: betting stays closed rather than use a seed made up now.");
        return dayChain.SeedOf(Schedule.IndexOf(period));
    }

    /// <summary>
    /// The day's chain if it was published in time (or late chains are accepted), kept; null otherwise,
    /// and then not looked for again for <see cref="MissingChainRecheck"/>.
    /// </summary>
    private async Task<SeedChain?> ChainOf(DateOnly day)
    {
        var now = clock.GetUtcNow();
        if (chains.TryGetValue(day, out var known) && (known.Chain is not null || now - known.ReadAt < MissingChainRecheck))
        {
            return known.Chain;
        }

        var stored = await history.ReadSeedChainAsync(game, day);
        var usable = stored is not null && (SeedChain.PublishedInTime(day, stored.CreatedAt) || fairness.Value.AcceptLateChains)
            ? SeedChain.ForDay(game, stored.Secret)
            : null;
        if (stored is not null && usable is null && lateChainsLogged.Add(day))
        {
            LogLateChainRefused(logger, game, day, stored.CreatedAt);
        }

        // A game needs two or three days at once (yesterday's last period, today, a day it jumps to).
        if (!chains.ContainsKey(day) && chains.Count >= DaysOfChainsKept)
        {
            chains.Remove(chains.Keys.Min());
        }

        chains[day] = (usable, now);
        return usable;
    }

    private const int DaysOfChainsKept = 4;

    /// <summary>Stores the period's result (the first one stored stays) and announces it; no money moves here.</summary>
    private async Task<GameResult> Draw(Period period, byte[] seed, bool announce)
    {
        var result = FairDraw.Draw(game, period.PeriodId, seed);
        var drawn = new PeriodResult(game, period.PeriodId, FairDraw.Commit(seed), Convert.ToHexStringLower(seed), result, period.EndsAt, clock.GetUtcNow());
        await history.SavePeriodResultAsync(drawn);
        if (string.CompareOrdinal(period.PeriodId, lastDrawnPeriodId) > 0)
        {
            lastDrawnPeriodId = period.PeriodId;
        }

        if (!recent.Exists(known => known.PeriodId == period.PeriodId))
        {
            recent.Insert(0, drawn);
            if (recent.Count > options.Value.RecentResults)
            {
                recent.RemoveAt(recent.Count - 1);
            }
        }

        // The result is durable, so players see it now rather than after every payout of a big round.
        if (announce)
        {
            await Publish(new ResultDrawn(game, period.PeriodId, result, drawn.Seed, drawn.Commit, drawn.DrawnAt));
        }

        return result;
    }

    private async Task Settle(Period period, GameResult result)
    {
        var previous = Schedule.Previous(period);
        await SettleStragglers(previous);
        awaitingStragglers.RemoveAll(drawn => drawn.PeriodId == previous.PeriodId);
        var bets = await betBook.ReadPeriodBetsAsync(game, period.PeriodId);
        await Pay(period.PeriodId, result, bets.Where(bet => bet.Outcome is null).Select(bet => bet.Bet).ToList());
        // Every period, with bets or without, so that the lag alert sees settlement keep up even when nobody plays.
        GameServerMetrics.SettlementLag.Record((clock.GetUtcNow() - period.EndsAt).TotalSeconds,
            new KeyValuePair<string, object?>("game", game.ToString()));
    }

    /// <summary>
    /// A drawn period whose next was not played (no chain, a refused seed, a jump after an outage) has its
    /// late-written bets looked for one period after it ended, as the next period's settlement would have.
    /// </summary>
    private async Task SweepPeriodsWhoseNextWasNotPlayed()
    {
        var now = clock.GetUtcNow();
        foreach (var drawn in awaitingStragglers.Where(drawn => drawn.EndsAt + game.Duration <= now).ToList())
        {
            await SettleStragglers(drawn);
            awaitingStragglers.Remove(drawn);
        }
    }

    /// <summary>
    /// Settles the bets of the last day's periods before <paramref name="before"/> that have no outcome:
    /// left by an activation that stopped between a draw and its payouts.
    /// </summary>
    private async Task SettleWhatTheLastActivationLeft(Period before)
    {
        var since = Schedule.PeriodAt(game, before.StartsAt - LookBackOnResume);
        var unsettled = await betBook.ReadUnsettledBetsAsync(game, since.PeriodId, before.PeriodId);
        foreach (var periodId in unsettled.Select(bet => bet.PeriodId).Distinct().Order(StringComparer.Ordinal))
        {
            if (Schedule.TryParse(game, periodId, out var period))
            {
                await SettleStragglers(period);
            }
        }
    }

    private static readonly TimeSpan LookBackOnResume = TimeSpan.FromDays(1);

    /// <summary>
    /// Bets of a period that still have no outcome: stakes whose write landed after the period's
    /// settlement read them, or that a stopped activation never paid. Each was admitted by this game
    /// while its period was open and had no result, so it is paid from the stored result, or from the
    /// period's committed seed if it was never drawn; a period that never had a seed gives the stakes back.
    /// </summary>
    private async Task SettleStragglers(Period previous)
    {
        var unsettled = (await betBook.ReadPeriodBetsAsync(game, previous.PeriodId)).Where(bet => bet.Outcome is null).Select(bet => bet.Bet).ToList();
        if (unsettled.Count == 0)
        {
            return;
        }

        if (await history.ReadPeriodResultAsync(game, previous.PeriodId) is { } drawn)
        {
            await Pay(previous.PeriodId, drawn.Result, unsettled);
            return;
        }

        // Opened (its seed committed) but not drawn, by an activation that stopped in between: draw it now from that seed.
        if (previous.EndsAt <= clock.GetUtcNow() && await history.ReadOpenedPeriodAsync(game, previous.PeriodId) is { } committed)
        {
            await Pay(previous.PeriodId, await Draw(previous, committed.Seed, announce: false), unsettled);
            return;
        }

        var now = clock.GetUtcNow();
        var refunded = new List<List<BetOutcome>>();
        var balances = new Dictionary<long, Balance>();
        foreach (var player in unsettled.GroupBy(bet => bet.UserId))
        {
            balances[player.Key] = await GrainFactory.GetGrain<IWalletGrain>(player.Key).RefundBets(player.ToList());
            var outcomes = player.Select(bet => new BetOutcome(bet.BetId, bet.UserId, game, bet.PeriodId, BetOutcomeKind.Refunded, bet.Stake, now)).ToList();
            await betBook.RecordOutcomesAsync(outcomes);
            refunded.Add(outcomes);
        }

        await Notify(previous.PeriodId, refunded, balances);
    }

    /// <summary>
    /// Winners are paid through their wallets (idempotent by bet id) and only then get their outcome,
    /// which is the checkpoint; a lost stake left the wallet when it was placed, so losers' outcomes are
    /// recorded in bulk without a wallet call. Players hear about it from the game stream in batches.
    /// </summary>
    private async Task Pay(string periodId, GameResult result, List<BetRecord> bets)
    {
        var now = clock.GetUtcNow();
        var players = bets.GroupBy(bet => bet.UserId).OrderBy(player => player.Key)
            .Select(player => player.Select(bet => Outcome(bet, periodId, result, now)).ToList())
            .ToList();
        var balances = new Dictionary<long, Balance>();
        foreach (var chunk in players.Where(Won).Chunk(Math.Max(1, options.Value.SettlementParallelism)))
        {
            var paid = await Task.WhenAll(chunk.Select(async outcomes =>
                (outcomes[0].UserId, Balance: await GrainFactory.GetGrain<IWalletGrain>(outcomes[0].UserId).SettleBets(new PeriodSettlement(game, periodId, result, outcomes)))));
            foreach (var (userId, balance) in paid)
            {
                balances[userId] = balance;
            }

            await betBook.RecordOutcomesAsync(chunk.SelectMany(outcomes => outcomes).ToList());
        }

        foreach (var chunk in players.Where(outcomes => !Won(outcomes)).Chunk(OutcomesPerWrite))
        {
            await betBook.RecordOutcomesAsync(chunk.SelectMany(outcomes => outcomes).ToList());
        }

        await Notify(periodId, players, balances);
        if (bets.Count > 0)
        {
            var elapsed = clock.GetUtcNow() - now;
            GameServerMetrics.BetsSettled.Add(bets.Count);
            GameServerMetrics.SettlementDuration.Record(elapsed.TotalMilliseconds);
            LogSettled(logger, game, periodId, bets.Count, players.Count, balances.Count, elapsed);
        }
    }

    /// <summary>Tells the players in batches; a player whose wallet moved gets the balance it returned.</summary>
    private async Task Notify(string periodId, List<List<BetOutcome>> players, Dictionary<long, Balance> balances)
    {
        foreach (var chunk in players.Chunk(PlayersPerNotice))
        {
            await Publish(new PlayersSettled(game, periodId, chunk.Select(outcomes => new PlayerSettlement(
                outcomes[0].UserId,
                outcomes.Select(outcome => new PlayerBetOutcome(outcome.BetId, outcome.Kind, outcome.Payout)).ToList(),
                balances.GetValueOrDefault(outcomes[0].UserId))).ToList()));
        }
    }

    private const int OutcomesPerWrite = 5_000;
    private const int PlayersPerNotice = 2_000;

    private static bool Won(List<BetOutcome> outcomes) => outcomes.Exists(outcome => outcome.Kind == BetOutcomeKind.Won);

    private BetOutcome Outcome(BetRecord bet, string periodId, GameResult result, DateTimeOffset now)
    {
        var payout = Payouts.Payout(game.Game, bet.Selection, result, bet.Stake);
        return new BetOutcome(bet.BetId, bet.UserId, game, periodId, payout.IsPositive ? BetOutcomeKind.Won : BetOutcomeKind.Lost, payout, now);
    }

    private async Task Publish(GameEvent gameEvent)
    {
        try
        {
            await events.OnNextAsync(gameEvent);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Best effort: clients carry the period id and re-sync over HTTP after a gap.
            LogPublishFailed(logger, game, gameEvent.PeriodId, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Game} {PeriodId}: settled {Bets} bets of {Players} players ({Winners} paid) in {Elapsed}")]
    private static partial void LogSettled(ILogger logger, GameKey game, string periodId, int bets, int players, int winners, TimeSpan elapsed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Game}: settling drawn periods failed; the next tick resumes where it stopped")]
    private static partial void LogSettlementFailed(ILogger logger, GameKey game, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Game}: opening the current period failed; bets are refused until it opens")]
    private static partial void LogOpeningFailed(ILogger logger, GameKey game, Exception exception);

    [LoggerMessage(Level = LogLevel.Critical, Message = "{Game} {PeriodId}: a seed other than its chain's is stored for this period; it stays closed. Only the game opens its periods: look for a write to game_periods from outside")]
    private static partial void LogForeignSeed(ILogger logger, GameKey game, string periodId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Game} {Day}: the seed chain was published at {PublishedAt}, less than 24 h ahead; betting stays closed that day (Fairness:AcceptLateChains is off)")]
    private static partial void LogLateChainRefused(ILogger logger, GameKey game, DateOnly day, DateTimeOffset publishedAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Game} {PeriodId}: could not publish an event")]
    private static partial void LogPublishFailed(ILogger logger, GameKey game, string periodId, Exception exception);
}
