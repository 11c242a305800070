using GameServer.Grains.Journal;
using GameServer.Grains.Wallet;
using GameServer.Players;
using GameServer.Referral;
using GameServer.Wallet;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GameServer.Grains.Referral;

[GenerateSerializer]
public sealed class CommissionState : IDailyPaymentState
{
    [Id(0)] public DateOnly? LastPaidDay { get; set; }
}

/// <summary>
/// Pays each upline its share of its team's stakes of the previous UTC day: one ledger entry per
/// upline per day under the operation id <c>commission:{day}</c>, so a run repeated or resumed after a
/// silo failure pays nothing twice. A reminder wakes it every hour; it pays every day not yet paid.
/// </summary>
public sealed partial class CommissionGrain(
    [PersistentState("commission")] IPersistentState<CommissionState> state,
    ILedger ledger,
    GameClock clock,
    IOptions<ReferralOptions> options,
    ILogger<CommissionGrain> logger) : DailyPaymentGrain<CommissionState>(state, clock, "daily-commission"), ICommissionGrain
{
    private const long PartsPerMillion = 1_000_000;

    public override async Task<Money> PayDay(DateOnly day)
    {
        var from = DailyPayouts.Start(day);
        var stakes = await ledger.ReadNetStakesAsync(from, from.AddDays(1));
        var rates = options.Value.CommissionPartsPerMillion;

        // Per upline, the stakes of its members on each level.
        var byUpline = new Dictionary<long, long[]>();
        foreach (var (member, stake) in stakes)
        {
            IReadOnlyList<long> upline;
            try
            {
                upline = (await GrainFactory.GetGrain<IUserGrain>(member).GetProfile()).Upline;
            }
            catch (GameServerException missing) when (missing.Kind == ErrorKind.NotFound)
            {
                // A wallet with no player behind it has no team; one such account must not hold up everyone's commission.
                LogNoPlayer(logger, member, day);
                continue;
            }

            for (var level = 0; level < Math.Min(upline.Count, rates.Count); level++)
            {
                if (!byUpline.TryGetValue(upline[level], out var levels))
                {
                    byUpline[upline[level]] = levels = new long[rates.Count];
                }

                levels[level] += stake.MinorUnits;
            }
        }

        var total = Money.Zero;
        foreach (var (upline, levels) in byUpline)
        {
            var commission = new Money(levels.Select((stake, level) => stake * rates[level] / PartsPerMillion).Sum());
            if (!commission.IsPositive)
            {
                continue;
            }

            try
            {
                await GrainFactory.GetGrain<IWalletGrain>(upline)
                    .CreditBonus(OperationIds.Commission(day), LedgerEntryType.ReferralCommission, commission, $"commission:{day:yyyy-MM-dd}");
                total += commission;
            }
            catch (GameServerException refused) when (refused.Kind == ErrorKind.Forbidden)
            {
                // Self-excluded (SPEC §6) or suspended (SPEC §4): no bonuses meanwhile; this day's commission lapses.
                LogLapsed(logger, upline, day, commission);
            }
        }

        LogPaid(logger, day, byUpline.Count, total);
        return total;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Referral commission for {Day}: account {UserId} staked but has no player profile; it earns its uplines nothing")]
    private static partial void LogNoPlayer(ILogger logger, long userId, DateOnly day);

    [LoggerMessage(Level = LogLevel.Information, Message = "Referral commission of {Commission} for {Day} lapses: player {UserId} is self-excluded or suspended")]
    private static partial void LogLapsed(ILogger logger, long userId, DateOnly day, Money commission);

    [LoggerMessage(Level = LogLevel.Information, Message = "Referral commission for {Day}: {Uplines} uplines, {Total} in all")]
    private static partial void LogPaid(ILogger logger, DateOnly day, int uplines, Money total);
}
