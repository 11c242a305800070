using GameServer.Games;
using GameServer.Grains.Journal;
using GameServer.Wallet;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Streams;

namespace GameServer.Grains.Games;

/// <summary>
/// Runs one game at one duration. A timer looks at the clock every tick; a reminder re-activates the
/// grain on another silo if its silo fails. Whatever the grain missed while down it draws and settles
/// on its next turn, oldest period first, before it opens the current one. Settlement reads the bets
/// from the journal, pays each player's wallet (idempotent by bet id) and records the outcomes, which
/// is also its checkpoint: a resumed settlement skips the bets that already have one. Seeds live in the
/// journal, not in grain state, so they are exactly as durable as the bets they decide.
/// </summary>
public sealed partial class GamePeriodGrain(
    GroupCommitJournal journal,
    GameClock clock,
    IOptions<GameOptions> options,
    ILogger<GamePeriodGrain> logger) : Grain, IGamePeriodGrain, IRemindable
{
    private const string KeepAliveReminder = "keep-alive";
    private static readonly TimeSpan KeepAlivePeriod = TimeSpan.FromMinutes(1);

    private readonly List<PeriodResult> recent = [];
    private GameKey game;
    private IAsyncStream<GameEvent> events = null!;
    private OpenedPeriod? opened;
    private string? bettingClosedAnnounced;
    private (string PeriodId, long Bets, Money Stake) live;
    private Task catchingUp = Task.CompletedTask;

    private IJournalStore Store => journal.Store;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!GameKey.TryParse(this.GetPrimaryKeyString(), out game))
        {
            throw new InvalidOperationException($"'{this.GetPrimaryKeyString()}' is not a game key such as wingo-60.");
        }

        events = this.GetStreamProvider(GameStreams.ProviderName).GetStream<GameEvent>(GameStreamIds.ForGame(game));
        recent.AddRange((await Store.ReadPeriodResultsAsync(game, 1, options.Value.RecentResults, cancellationToken)).Results);
        opened = await Store.ReadLatestOpenedPeriodAsync(game, cancellationToken);
        await this.RegisterOrUpdateReminder(KeepAliveReminder, KeepAlivePeriod, KeepAlivePeriod, cancellationToken);
        this.RegisterGrainTimer(_ => CatchUp(), new GrainTimerCreationOptions(options.Value.TickInterval, options.Value.TickInterval) { KeepAlive = true });
        await CatchUp();
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => CatchUp();

    /// <summary>
    /// One catch-up at a time: a bet admission interleaves with the grain's other turns and may ask
    /// for one while the timer's is under way; it then waits for that one instead of starting a second.
    /// </summary>
    public Task CatchUp()
    {
        if (catchingUp.IsCompleted)
        {
            catchingUp = RunCatchUp();
        }

        return catchingUp;
    }

    private async Task RunCatchUp()
    {
        var now = clock.GetUtcNow();
        if (opened is null || !Schedule.TryParse(game, opened.PeriodId, out var open))
        {
            open = Schedule.PeriodAt(game, now);
            await Open(open, announce: true);
        }

        while (open.EndsAt <= now)
        {
            await Settle(open, opened!.Seed, announce: open.EndsAt > now - game.Duration);
            var next = Schedule.Next(open);

            // A period that ended while the grain was down still gets a seed, a result and its bets settled.
            await Open(next, announce: next.EndsAt > now);
            open = next;
        }

        if (now >= open.BettingClosesAt && bettingClosedAnnounced != open.PeriodId)
        {
            bettingClosedAnnounced = open.PeriodId;
            await Publish(new BettingClosed(game, open.PeriodId, open.EndsAt));
        }
    }

    public async Task<OpenPeriod> GetOpenPeriod()
    {
        await CatchUp();
        Schedule.TryParse(game, opened!.PeriodId, out var open);
        var (bets, stake) = live.PeriodId == open.PeriodId ? (live.Bets, live.Stake) : (0, Money.Zero);
        return new OpenPeriod(open, FairDraw.Commit(opened.Seed), bets, stake);
    }

    public async Task<BetAdmission> AdmitBet(string? periodId)
    {
        var now = clock.GetUtcNow();
        var current = Schedule.PeriodAt(game, now);
        if (opened?.PeriodId != current.PeriodId)
        {
            // The period began a moment ago and the timer has not opened it yet.
            await CatchUp();
            now = clock.GetUtcNow();
            current = Schedule.PeriodAt(game, now);
        }

        if (periodId is not null && periodId != current.PeriodId)
        {
            throw GameServerException.Conflict($"Period {ClientText.Cut(periodId)} is not open for bets; the open period is {current.PeriodId}.");
        }

        if (opened?.PeriodId != current.PeriodId || !current.AcceptsBetsAt(now))
        {
            throw GameServerException.Conflict($"Betting on period {current.PeriodId} closed at {current.BettingClosesAt:u}.");
        }

        return new BetAdmission(current, FairDraw.Commit(opened.Seed));
    }

    public Task RecordBet(string periodId, Money stake)
    {
        live = live.PeriodId == periodId ? (periodId, live.Bets + 1, live.Stake + stake) : (periodId, 1, stake);
        return Task.CompletedTask;
    }

    public async Task<PeriodResultPage> GetResults(int page, int limit)
    {
        if (page * limit <= recent.Count)
        {
            return new PeriodResultPage(recent.Skip((page - 1) * limit).Take(limit).ToList(), page, limit,
                (await Store.ReadPeriodResultsAsync(game, 1, 1)).Total);
        }

        return await Store.ReadPeriodResultsAsync(game, page, limit);
    }

    public async Task<PeriodProof> GetPeriod(string periodId)
    {
        if (!Schedule.TryParse(game, periodId, out var period))
        {
            throw GameServerException.NotFound($"{ClientText.Cut(periodId)} is not a period of {game}.");
        }

        if (periodId == opened?.PeriodId)
        {
            return new PeriodProof(period, FairDraw.Commit(opened.Seed), null, null, FairDraw.Algorithm);
        }

        var drawn = recent.FirstOrDefault(result => result.PeriodId == periodId) ?? await Store.ReadPeriodResultAsync(game, periodId)
            ?? throw GameServerException.NotFound(period.StartsAt > clock.GetUtcNow() ? $"Period {periodId} has not opened yet." : $"Period {periodId} was not played.");
        return new PeriodProof(period, drawn.Commit, drawn.Seed, drawn.Result, FairDraw.Algorithm);
    }

    private async Task Open(Period period, bool announce)
    {
        // If an earlier activation opened this period already, its stored seed stays.
        opened = await Store.SaveOpenedPeriodAsync(new OpenedPeriod(game, period.PeriodId, FairDraw.NewSeed()));
        live = (period.PeriodId, 0, Money.Zero);
        if (announce)
        {
            await Publish(new PeriodOpened(game, period.PeriodId, period.BettingClosesAt, period.EndsAt, FairDraw.Commit(opened.Seed)));
        }
    }

    private async Task Settle(Period period, byte[] seed, bool announce)
    {
        var started = clock.GetUtcNow();
        var result = FairDraw.Draw(game, period.PeriodId, seed);
        var drawn = new PeriodResult(game, period.PeriodId, FairDraw.Commit(seed), Convert.ToHexStringLower(seed), result, period.EndsAt, started);
        await Store.SavePeriodResultAsync(drawn);
        recent.Insert(0, drawn);
        if (recent.Count > options.Value.RecentResults)
        {
            recent.RemoveAt(recent.Count - 1);
        }

        // The result is durable, so players see it now rather than after every payout of a big round.
        if (announce)
        {
            await Publish(new ResultDrawn(game, period.PeriodId, result, drawn.Seed, drawn.Commit, drawn.DrawnAt));
        }

        await SettleStragglers(Schedule.Previous(period));
        var bets = await Store.ReadPeriodBetsAsync(game, period.PeriodId);
        await Pay(period.PeriodId, result, bets.Where(bet => bet.Outcome is null).Select(bet => bet.Bet).ToList());
    }

    /// <summary>
    /// A stake whose write finished after its period was settled would hang: the next settlement pays
    /// it from the stored result, or refunds it when that period has no result.
    /// </summary>
    private async Task SettleStragglers(Period previous)
    {
        var unsettled = (await Store.ReadPeriodBetsAsync(game, previous.PeriodId)).Where(bet => bet.Outcome is null).Select(bet => bet.Bet).ToList();
        if (unsettled.Count == 0)
        {
            return;
        }

        if (await Store.ReadPeriodResultAsync(game, previous.PeriodId) is { } drawn)
        {
            await Pay(previous.PeriodId, drawn.Result, unsettled);
            return;
        }

        var now = clock.GetUtcNow();
        var refunded = new List<List<BetOutcome>>();
        var balances = new Dictionary<long, Balance>();
        foreach (var player in unsettled.GroupBy(bet => bet.UserId))
        {
            balances[player.Key] = await GrainFactory.GetGrain<IWalletGrain>(player.Key).RefundBets(player.ToList());
            var outcomes = player.Select(bet => new BetOutcome(bet.BetId, bet.UserId, game, bet.PeriodId, BetOutcomeKind.Refunded, bet.Stake, now)).ToList();
            await Store.RecordOutcomesAsync(outcomes);
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

            await Store.RecordOutcomesAsync(chunk.SelectMany(outcomes => outcomes).ToList());
        }

        foreach (var chunk in players.Where(outcomes => !Won(outcomes)).Chunk(OutcomesPerWrite))
        {
            await Store.RecordOutcomesAsync(chunk.SelectMany(outcomes => outcomes).ToList());
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
                outcomes.Select(outcome => new PlayerBetOutcome(outcome.BetId, outcome.Kind == BetOutcomeKind.Won, outcome.Payout)).ToList(),
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Game} {PeriodId}: could not publish an event")]
    private static partial void LogPublishFailed(ILogger logger, GameKey game, string periodId, Exception exception);
}
