using GameServer.Games;
using GameServer.Players;
using GameServer.Referral;
using Microsoft.Extensions.Options;

namespace GameServer.Grains.Games;

/// <summary>
/// When a silo starts: makes the seed chains due (whether or not games start here), then starts the
/// sixteen games, the daily commission and the daily VIP rebate; from then on their reminders keep them running.
/// </summary>
public sealed class GameStarter(IGrainFactory grains, IOptions<GameOptions> options)
{
    public async Task StartAllAsync()
    {
        await grains.GetGrain<ISeedChainCalendarGrain>(ISeedChainCalendarGrain.Key).EnsureAhead();
        if (options.Value.AutoStart)
        {
            await Task.WhenAll(GameCatalog.AllKeys().Select(key => grains.GetGrain<IGamePeriodGrain>(key.ToString()).CatchUp())
                .Append(grains.GetGrain<ICommissionGrain>(ICommissionGrain.Key).PayDueDays())
                .Append(grains.GetGrain<IRebateGrain>(IRebateGrain.Key).PayDueDays()));
        }
    }
}
