using System.Diagnostics;
using System.Text.Json;
using GameServer.Games;
using GameServer.Grains;
using GameServer.Grains.Hosting;
using GameServer.Grains.Journal;
using GameServer.Wallet;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GameServer.LoadTest;

/// <summary>
/// Settlement of one round with many bets: an in-process silo (Development infrastructure, the
/// in-memory journal) whose game clock this benchmark moves. N players each stake one bet on one
/// period through their wallets; then the period ends and the time from the draw to the last bet's
/// outcome recorded and the last settlement notice published (every winner paid through its wallet)
/// is measured.
/// </summary>
public static class SettlementBenchmark
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static async Task<int> RunAsync(Options options)
    {
        var key = new GameKey(GameId.Wingo, 300);
        var clock = new ManualClock(Schedule.PeriodAt(key, DateTimeOffset.UtcNow).StartsAt.AddSeconds(1));
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddFilter(level => level >= LogLevel.Warning);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Games:AutoStart"] = "false",
            ["Games:SettlementParallelism"] = "256",
        }).Build();
        builder.Services.AddSingleton(new GameClock(clock));
        builder.UseOrleans(silo => silo.UseLocalhostClustering(siloPort: 21112, gatewayPort: 31001).AddInMemoryGameInfrastructure().AddGameServerGrains(configuration));
        using var host = builder.Build();
        await host.StartAsync();
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var store = host.Services.GetRequiredService<IJournalStore>();
        var game = grains.GetGrain<IGamePeriodGrain>(key.ToString());
        var period = (await game.GetOpenPeriod()).Period;

        var bets = options.Connections;
        var setup = Stopwatch.StartNew();
        foreach (var chunk in Enumerable.Range(0, bets).Chunk(1000))
        {
            await Task.WhenAll(chunk.Select(async i =>
            {
                var wallet = grains.GetGrain<IWalletGrain>(5_000_000_000L + i);
                await wallet.CreditDeposit($"fund-{i}", Money.FromMajor(100), "benchmark");
                var selection = new BetSelection(BetType.Number, (i % 10).ToString(System.Globalization.CultureInfo.InvariantCulture));
                await wallet.PlaceBet(new BetRequest($"settle-{i}", key, period.PeriodId, selection, Money.FromMajor(10)));
            }));
        }

        Console.WriteLine($"{bets} bets staked by {bets} players in {setup.Elapsed.TotalSeconds:F1} s");

        clock.Set(period.EndsAt.AddMilliseconds(1));
        var settle = Stopwatch.StartNew();
        await game.CatchUp();
        var elapsed = settle.Elapsed;

        var settled = await store.ReadPeriodBetsAsync(key, period.PeriodId);
        var report = new
        {
            bets,
            settled = settled.Count(b => b.Outcome is not null),
            winners = settled.Count(b => b.Outcome?.Kind == BetOutcomeKind.Won),
            draw_to_last_outcome_ms = Math.Round(elapsed.TotalMilliseconds),
            measured_at = DateTimeOffset.UtcNow,
        };
        Console.WriteLine(JsonSerializer.Serialize(report, Indented));
        await host.StopAsync();
        return report.settled == bets ? 0 : 1;
    }

    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset now = start;

        public void Set(DateTimeOffset value) => now = value;

        public override DateTimeOffset GetUtcNow() => now;
    }
}
