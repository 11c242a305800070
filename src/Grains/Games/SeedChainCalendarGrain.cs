using GameServer.Games;
using GameServer.Grains.Journal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GameServer.Grains.Games;

/// <summary>
/// Makes each day's seed chains ahead (SPEC §3 rule 5): a random secret per game and duration, stored
/// with its anchor before the day begins. The only place a seed is ever made; a game that finds no chain
/// published in time for its day does not take bets. A reminder keeps it running every hour.
/// </summary>
public sealed partial class SeedChainCalendarGrain(
    IGameHistory history,
    GameClock clock,
    IOptions<FairnessOptions> options,
    ILogger<SeedChainCalendarGrain> logger) : Grain, ISeedChainCalendarGrain, IRemindable
{
    private const string Reminder = "seed-chains";
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromHours(1);

    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        await this.RegisterOrUpdateReminder(Reminder, TimeSpan.FromMinutes(1), ReminderPeriod, cancellationToken);

    public async Task ReceiveReminder(string reminderName, TickStatus status) => await EnsureAhead();

    /// <summary>
    /// Tomorrow and the day after; today too when late chains are accepted (a chain made for a day that
    /// has begun can only be late). Never a day that has ended.
    /// </summary>
    public async Task<int> EnsureAhead()
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var first = options.Value.AcceptLateChains ? today : today.AddDays(1);
        var last = today.AddDays(ISeedChainCalendarGrain.DaysAhead);
        var (made, late) = (0, 0);
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            foreach (var game in GameCatalog.AllKeys())
            {
                if (await Make(game, day) is { } publishedAt)
                {
                    made++;
                    late += SeedChain.PublishedInTime(day, publishedAt) ? 0 : 1;
                }
            }
        }

        if (made > 0)
        {
            LogMade(logger, made, first, last);
        }

        if (late > 0)
        {
            LogLate(logger, late);
        }

        return made;
    }

    /// <summary>Stores a new chain for the day unless one is stored (the first stays); when this one was stored, its publication time.</summary>
    private async Task<DateTimeOffset?> Make(GameKey game, DateOnly day)
    {
        if (await history.ReadSeedChainAsync(game, day) is not null)
        {
            return null;
        }

        var secret = SeedChain.NewSecret();
        var anchor = Convert.ToHexStringLower(SeedChain.ForDay(game, secret).Anchor);
        var stored = await history.SaveSeedChainAsync(new StoredSeedChain(game, day, secret, anchor, clock.GetUtcNow()));
        return stored.Anchor == anchor ? stored.CreatedAt : null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Made {Count} seed chains for {From} to {To}")]
    private static partial void LogMade(ILogger logger, int count, DateOnly from, DateOnly to);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} of the seed chains just made were published less than 24 h before their day (late chains are accepted); the archive marks those days late")]
    private static partial void LogLate(ILogger logger, int count);
}
