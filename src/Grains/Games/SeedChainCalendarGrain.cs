using GameServer.Games;
using GameServer.Grains.Journal;
using Microsoft.Extensions.Logging;

namespace GameServer.Grains.Games;

/// <summary>
/// Makes each day's seed chains ahead (SPEC §3 rule 5): a random secret per game and duration, stored
/// with its anchor before the day begins. The only place a seed is ever made; a game that finds no chain
/// for its day does not take bets. A reminder keeps it running every hour.
/// </summary>
public sealed partial class SeedChainCalendarGrain(GroupCommitJournal journal, GameClock clock, ILogger<SeedChainCalendarGrain> logger)
    : Grain, ISeedChainCalendarGrain, IRemindable
{
    /// <summary>Today and the two days after: every anchor is out at least 24 hours before its day starts.</summary>
    public const int DaysAhead = 2;

    /// <summary>A longer request is refused: a year of chains is more than any operator needs at once.</summary>
    private const int MostDaysAtOnce = 366;

    private const string Reminder = "seed-chains";
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromHours(1);

    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        await this.RegisterOrUpdateReminder(Reminder, TimeSpan.FromMinutes(1), ReminderPeriod, cancellationToken);

    public async Task ReceiveReminder(string reminderName, TickStatus status) => await EnsureAhead();

    public Task<int> EnsureAhead()
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return EnsureChains(today, today.AddDays(DaysAhead));
    }

    public async Task<int> EnsureChains(DateOnly from, DateOnly to)
    {
        if (to < from || to.DayNumber - from.DayNumber >= MostDaysAtOnce)
        {
            throw GameServerException.Invalid($"Chains are made for 1 to {MostDaysAtOnce} days at once.");
        }

        var made = 0;
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            foreach (var game in GameCatalog.AllKeys())
            {
                if (await journal.Store.ReadSeedChainAsync(game, day) is not null)
                {
                    continue;
                }

                var secret = SeedChain.NewSecret();
                var anchor = Convert.ToHexStringLower(SeedChain.ForDay(game, secret).Anchor);
                var stored = await journal.Store.SaveSeedChainAsync(new StoredSeedChain(game, day, secret, anchor, clock.GetUtcNow()));
                made += stored.Anchor == anchor ? 1 : 0;
            }
        }

        if (made > 0)
        {
            LogMade(logger, made, from, to);
        }

        return made;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Made {Count} seed chains for {From} to {To}")]
    private static partial void LogMade(ILogger logger, int count, DateOnly from, DateOnly to);
}
