using GameServer.Games;
using GameServer.Referral;
using Microsoft.Extensions.Options;

namespace GameServer.Grains.Games;

/// <summary>
/// Starts the sixteen games and the daily commission when a silo starts; from then on their
/// reminders keep them running.
/// </summary>
public sealed class GameStarter(IGrainFactory grains, IOptions<GameOptions> options)
{
    public Task StartAllAsync() => options.Value.AutoStart
        ? Task.WhenAll(GameCatalog.AllKeys().Select(key => grains.GetGrain<IGamePeriodGrain>(key.ToString()).CatchUp())
            .Append(grains.GetGrain<ICommissionGrain>(ICommissionGrain.Key).PayDueDays()))
        : Task.CompletedTask;
}
