using GameServer.Grains.Journal;
using GameServer.Grains.Wallet;
using GameServer.Players;
using GameServer.Wallet;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GameServer.Grains.Players;

[GenerateSerializer]
public sealed class RebateState : IDailyPaymentState
{
    [Id(0)] public DateOnly? LastPaidDay { get; set; }
}

/// <summary>
/// Pays each player the betting rebate of their VIP level on their net stakes (stakes less refunds) of the
/// previous UTC day (SPEC §4): one <see cref="LedgerEntryType.Rebate"/> entry per player per day under the
/// operation id <c>rebate:{day}</c>, so a run repeated or resumed after a silo failure pays nothing twice. The
/// level is the one in force when the day is paid. A reminder wakes it every hour; it pays every day not yet paid.
/// </summary>
public sealed partial class RebateGrain(
    [PersistentState("rebate")] IPersistentState<RebateState> state,
    ILedger ledger,
    GameClock clock,
    IOptions<VipOptions> options,
    ILogger<RebateGrain> logger) : DailyPaymentGrain<RebateState>(state, clock, "daily-rebate"), IRebateGrain
{
    private const long PartsPerMillion = 1_000_000;

    public override async Task<Money> PayDay(DateOnly day)
    {
        var from = DailyPayouts.Start(day);
        var rates = options.Value.RebatePartsPerMillion;
        var total = Money.Zero;
        var players = 0;
        foreach (var (player, stake) in await ledger.ReadNetStakesAsync(from, from.AddDays(1)))
        {
            int level;
            try
            {
                level = (await GrainFactory.GetGrain<IUserGrain>(player).GetProfile()).VipLevel;
            }
            catch (GameServerException missing) when (missing.Kind == ErrorKind.NotFound)
            {
                // A wallet with no player behind it has no VIP level; it must not hold up everyone's rebate.
                continue;
            }

            var rebate = new Money(stake.MinorUnits * rates[Math.Clamp(level, 0, rates.Count - 1)] / PartsPerMillion);
            if (!rebate.IsPositive)
            {
                continue;
            }

            try
            {
                await GrainFactory.GetGrain<IWalletGrain>(player).CreditBonus(OperationIds.Rebate(day), LedgerEntryType.Rebate, rebate, $"rebate:{day:yyyy-MM-dd}:vip{level}");
                total += rebate;
                players++;
            }
            catch (GameServerException refused) when (refused.Kind == ErrorKind.Forbidden)
            {
                // Self-excluded (SPEC §6) or suspended (SPEC §4): no bonuses meanwhile; this day's rebate lapses.
                LogLapsed(logger, player, day, rebate);
            }
        }

        LogPaid(logger, day, players, total);
        return total;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "VIP rebate of {Rebate} for {Day} lapses: player {UserId} is self-excluded or suspended")]
    private static partial void LogLapsed(ILogger logger, long userId, DateOnly day, Money rebate);

    [LoggerMessage(Level = LogLevel.Information, Message = "VIP rebate for {Day}: {Players} players, {Total} in all")]
    private static partial void LogPaid(ILogger logger, DateOnly day, int players, Money total);
}
