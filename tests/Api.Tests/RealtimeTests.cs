using GameServer.Games;
using GameServer.Testing;
using GameServer.Wallet;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace GameServer.Api.Tests;

[Collection(FrontendCollection.Name)]
public sealed class RealtimeTests(FrontendFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private static readonly GameKey Wingo30 = new(GameId.Wingo, 30);

    [Fact]
    public async Task Watchers_on_two_frontends_receive_every_period_and_result_exactly_once_in_order()
    {
        await using var first = await HubClient.ConnectAsync(fixture.Cluster.Frontends[0]);
        await using var second = await HubClient.ConnectAsync(fixture.Cluster.Frontends[1]);
        Assert.Equal("wingo-30", await first.JoinGame("wingo", 30));
        await second.JoinGame("wingo", 30);
        try
        {
            var period = await StartNextPeriod(Wingo30);
            foreach (var client in new[] { first, second })
            {
                await client.WaitUntil(c => c.PeriodsOf("periodOpened").Contains(period.PeriodId), Patience);
                client.Received.Clear();
            }

            var played = new List<string>();
            for (var round = 0; round < 3; round++)
            {
                played.Add(period.PeriodId);
                var next = Schedule.Next(period);
                fixture.Cluster.Clock.SetUtcNow(period.EndsAt.AddMilliseconds(1));
                foreach (var client in new[] { first, second })
                {
                    await client.WaitUntil(c => c.PeriodsOf("gameResult").Contains(period.PeriodId) && c.PeriodsOf("periodOpened").Contains(next.PeriodId), Patience);
                }

                period = next;
            }

            fixture.Cluster.Clock.SetUtcNow(period.BettingClosesAt);
            foreach (var client in new[] { first, second })
            {
                await client.WaitUntil(c => c.PeriodsOf("bettingClosed").Contains(period.PeriodId), Patience);
                Assert.Equal(played, client.PeriodsOf("gameResult"));
                Assert.Equal(played.Skip(1).Append(period.PeriodId), client.PeriodsOf("periodOpened"));
                Assert.Equal([period.PeriodId], client.PeriodsOf("bettingClosed"));
                Assert.All(client.Received, e => Assert.Equal("wingo", e.Payload.GetProperty("game").GetString()));
                var result = client.Received.First(e => e.Method == "gameResult").Payload;
                Assert.Equal(64, result.GetProperty("seed").GetString()!.Length);
                Assert.Single(result.GetProperty("result").EnumerateArray());

                // Each revealed seed hashes to the commit announced when its period opened (SPEC §3), and draws the result shown.
                foreach (var revealed in client.PayloadsOf("gameResult").Skip(1))
                {
                    var periodId = revealed.GetProperty("period_id").GetString()!;
                    var announced = client.PayloadsOf("periodOpened").Single(opened => opened.GetProperty("period_id").GetString() == periodId);
                    var seed = Convert.FromHexString(revealed.GetProperty("seed").GetString()!);
                    Assert.Equal(announced.GetProperty("commit").GetString(), Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(seed)));
                    Assert.Equal(announced.GetProperty("commit").GetString(), revealed.GetProperty("commit").GetString());
                    Assert.Equal(FairDraw.Draw(Wingo30, periodId, seed).Values, revealed.GetProperty("result").EnumerateArray().Select(d => d.GetInt32()));
                }
            }
        }
        finally
        {
            RealignClock();
        }
    }

    [Fact]
    public async Task A_player_connected_through_both_frontends_hears_its_bet_settle_on_both()
    {
        var player = await fixture.Http.NewPlayerAsync();
        await fixture.Http.PostJsonAsync("/api/wallet/deposit", new { amount = 100, gateway = "test" }, token: player.Token);
        await using var onFirst = await HubClient.ConnectAsync(fixture.Cluster.Frontends[0], player.Token);
        await using var onSecond = await HubClient.ConnectAsync(fixture.Cluster.Frontends[1], player.Token);
        try
        {
            var period = await StartNextPeriod(Wingo30);
            var bet = await fixture.Http.PostJsonAsync("/api/games/wingo/bet", new { amount = 10, type = "size", value = "big", duration = 30 }, token: player.Token);
            var betId = bet.GetProperty("data").GetProperty("bet_id").GetString();

            fixture.Cluster.Clock.SetUtcNow(period.EndsAt.AddMilliseconds(1));

            foreach (var client in new[] { onFirst, onSecond })
            {
                await client.WaitUntil(c => c.Received.Any(e => e.Method == "betSettled"), Patience);
                var settled = Assert.Single(client.Received, e => e.Method == "betSettled").Payload;
                Assert.Equal(betId, settled.GetProperty("bet_id").GetString());
                Assert.Equal(period.PeriodId, settled.GetProperty("period_id").GetString());
                var won = settled.GetProperty("won").GetBoolean();
                Assert.Equal(won ? "won" : "lost", settled.GetProperty("status").GetString());
                Assert.Equal(won ? 9.8m * 2 : 0m, settled.GetProperty("payout").GetDecimal());
                Assert.Equal(won ? 109.6m : 90m, settled.GetProperty("balance").GetDecimal());
                Assert.Equal(won ? 3 : 2, settled.GetProperty("seq").GetInt64());

                // A win moves the balance, and the settlement's own balanceChanged says so on each frontend.
                if (won)
                {
                    await client.WaitUntil(c => c.PayloadsOf("balanceChanged").Any(e => e.GetProperty("type").GetString() == "bet_payout"), Patience);
                    Assert.Equal(109.6m, client.PayloadsOf("balanceChanged").Single(e => e.GetProperty("type").GetString() == "bet_payout").GetProperty("balance").GetDecimal());
                }
            }
        }
        finally
        {
            RealignClock();
        }
    }

    [Fact]
    public async Task Wins_in_two_games_settling_together_reach_the_player_in_ledger_order_and_the_last_event_shows_the_balance()
    {
        var player = await fixture.Http.NewPlayerAsync();
        await fixture.Http.PostJsonAsync("/api/wallet/deposit", new { amount = 1000, gateway = "test" }, token: player.Token);
        await using var hub = await HubClient.ConnectAsync(fixture.Cluster.Frontends[1], player.Token);
        try
        {
            for (var round = 0; round < 3; round++)
            {
                // Wingo 60 and K3 60 end at the same instant; in each, one of big and small always wins.
                var period = await StartNextPeriod(new GameKey(GameId.Wingo, 60));
                await fixture.Http.GetJsonAsync("/api/games/k3/periods?duration=60");
                foreach (var (game, value) in new[] { ("wingo", "big"), ("wingo", "small"), ("k3", "big"), ("k3", "small") })
                {
                    await fixture.Http.PostJsonAsync($"/api/games/{game}/bet", new { amount = 10, type = "size", value, duration = 60 }, token: player.Token);
                }

                var settledBefore = hub.PayloadsOf("betSettled").Count;
                fixture.Cluster.Clock.SetUtcNow(period.EndsAt.AddMilliseconds(1));
                await hub.WaitUntil(c => c.PayloadsOf("betSettled").Count == settledBefore + 4, Patience);
                var balance = (await fixture.Http.GetJsonAsync("/api/wallet/balance", player.Token)).GetProperty("data");
                await hub.WaitUntil(c => c.Received.Last(e => e.Method is "betSettled" or "balanceChanged").Payload.GetProperty("seq").GetInt64() == balance.GetProperty("last_seq").GetInt64(), Patience);

                var seqs = hub.Received.Where(e => e.Method is "betSettled" or "balanceChanged").Select(e => e.Payload.GetProperty("seq").GetInt64()).ToList();
                Assert.Equal(seqs.Order(), seqs);
                var last = hub.Received.Last(e => e.Method is "betSettled" or "balanceChanged").Payload;
                Assert.Equal(balance.GetProperty("balance").GetDecimal(), last.GetProperty("balance").GetDecimal());
                var changed = hub.PayloadsOf("balanceChanged")[^1];
                Assert.Equal(balance.GetProperty("last_seq").GetInt64(), changed.GetProperty("seq").GetInt64());
                Assert.Equal(balance.GetProperty("held").GetDecimal(), changed.GetProperty("held").GetDecimal());
            }
        }
        finally
        {
            RealignClock();
        }
    }

    [Fact]
    public async Task Every_change_of_a_balance_reaches_the_players_connections_with_its_entry_type_and_seq()
    {
        var player = await fixture.Http.NewPlayerAsync();
        var admin = await fixture.AdminToken();
        await using var hub = await HubClient.ConnectAsync(fixture.Cluster.Frontends[1], player.Token);
        await hub.JoinGame("wingo", 60); // a call is handled after the connection's set-up, watch included
        await StartNextPeriod(new GameKey(GameId.Wingo, 60));

        // One change at a time, each awaited on the hub: live events of one player may overtake each other, and
        // one overtaken by a newer balance is not sent (the newer one includes it).
        var changes = new Func<Task>[]
        {
            () => fixture.Http.PostJsonAsync("/api/wallet/deposit", new { amount = 500, gateway = "test" }, token: player.Token),
            () => fixture.Http.PostJsonAsync("/api/games/wingo/bet", new { amount = 10, type = "size", value = "big" }, token: player.Token),
            async () =>
            {
                var withdrawal = await fixture.Http.PostJsonAsync("/api/wallet/withdraw", new { amount = 100, method_id = await fixture.Http.SavePayoutMethodAsync(player.Token) }, token: player.Token);
                await hub.WaitUntil(c => c.PayloadsOf("balanceChanged").Count == 3, Patience);
                await fixture.Http.PostJsonAsync($"/api/admin/withdrawals/{withdrawal.GetProperty("data").GetProperty("withdrawal_id").GetString()}/reject", new { }, token: admin);
            },
            () => fixture.Http.PostJsonAsync($"/api/admin/users/{player.UserId}/credit", new { amount = 7, reason = "goodwill" }, token: admin),
            () => fixture.Http.PostJsonAsync($"/api/admin/users/{player.UserId}/debit", new { amount = 2, reason = "correction" }, token: admin),
            () => fixture.Http.PostJsonAsync("/api/attendance/claim", new { }, token: player.Token),
        };
        var expectedEvents = new[] { 1, 2, 4, 5, 6, 7 };
        for (var change = 0; change < changes.Length; change++)
        {
            await changes[change]();
            await hub.WaitUntil(c => c.PayloadsOf("balanceChanged").Count == expectedEvents[change], Patience);
        }

        var entries = (await fixture.Http.GetJsonAsync("/api/wallet/transactions?limit=100", player.Token)).GetProperty("data").GetProperty("items")
            .EnumerateArray().Reverse().ToList();
        await hub.WaitUntil(c => c.PayloadsOf("balanceChanged").Count >= entries.Count, Patience);
        var told = hub.PayloadsOf("balanceChanged");

        Assert.Equal(entries.Select(e => e.GetProperty("seq").GetInt64()), told.Select(e => e.GetProperty("seq").GetInt64()));
        Assert.Equal(entries.Select(e => e.GetProperty("type").GetString()), told.Select(e => e.GetProperty("type").GetString()));
        Assert.Equal(entries.Select(e => e.GetProperty("balance_after").GetDecimal()), told.Select(e => e.GetProperty("balance").GetDecimal()));
        Assert.Equal(entries.Select(e => e.GetProperty("held_after").GetDecimal()), told.Select(e => e.GetProperty("held").GetDecimal()));
        Assert.Equal(["deposit", "bet_stake", "withdrawal_hold", "withdrawal_release", "admin_credit", "admin_debit", "attendance_bonus"],
            told.Select(e => e.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task A_players_private_events_never_reach_another_players_connection()
    {
        var player = await fixture.Http.NewPlayerAsync();
        var other = await fixture.Http.NewPlayerAsync();
        await using var mine = await HubClient.ConnectAsync(fixture.Cluster.Frontends[0], player.Token);
        await using var theirs = await HubClient.ConnectAsync(fixture.Cluster.Frontends[0], other.Token);
        await using var watcher = await HubClient.ConnectAsync(fixture.Cluster.Frontends[0]);
        await watcher.JoinGame("wingo", 30);
        try
        {
            var period = await StartNextPeriod(Wingo30);
            await fixture.Http.PostJsonAsync("/api/wallet/deposit", new { amount = 100, gateway = "test" }, token: player.Token);
            await fixture.Http.PostJsonAsync("/api/games/wingo/bet", new { amount = 10, type = "size", value = "big", duration = 30 }, token: player.Token);
            fixture.Cluster.Clock.SetUtcNow(period.EndsAt.AddMilliseconds(1));

            await mine.WaitUntil(c => c.PayloadsOf("betSettled").Count == 1, Patience);
            await watcher.WaitUntil(c => c.PeriodsOf("gameResult").Contains(period.PeriodId), Patience);
            await Task.Delay(500);

            Assert.DoesNotContain(theirs.Received, e => e.Method is "betSettled" or "balanceChanged");
            Assert.DoesNotContain(watcher.Received, e => e.Method is "betSettled" or "balanceChanged");
        }
        finally
        {
            RealignClock();
        }
    }

    [Fact]
    public async Task After_leaving_a_game_a_connection_hears_nothing_more_of_it()
    {
        await using var client = await HubClient.ConnectAsync(fixture.Cluster.Frontends[0]);
        await client.JoinGame("wingo", 30);
        try
        {
            var period = await StartNextPeriod(Wingo30);
            await client.WaitUntil(c => c.PeriodsOf("periodOpened").Contains(period.PeriodId), Patience);

            await client.LeaveGame("wingo", 30);
            client.Received.Clear();
            fixture.Cluster.Clock.SetUtcNow(period.EndsAt.AddMilliseconds(1));
            await fixture.Http.GetJsonAsync("/api/games/wingo/periods?duration=30");
            await Task.Delay(1_000);

            Assert.Empty(client.Received);
        }
        finally
        {
            RealignClock();
        }
    }

    [Fact]
    public async Task A_refund_reaches_the_player_as_a_refunded_bet_with_the_balance_it_left()
    {
        var player = await fixture.Http.NewPlayerAsync();
        await fixture.Http.PostJsonAsync("/api/wallet/deposit", new { amount = 30, gateway = "test" }, token: player.Token);
        await using var hub = await HubClient.ConnectAsync(fixture.Cluster.Frontends[0], player.Token);
        await hub.JoinGame("wingo", 30);

        // The game stream carries refunds in the same settlement notices as payouts; one is published here as a game would.
        var notice = new PlayersSettled(Wingo30, "20261130010001", [new PlayerSettlement(player.UserId,
            [new PlayerBetOutcome("refunded-bet", BetOutcomeKind.Refunded, Money.FromMajor(5))], new Balance(Money.FromMajor(30), Money.Zero, 1))]);
        var cluster = fixture.Cluster.Frontends[1].Services.GetRequiredService<Orleans.IClusterClient>();
        await cluster.GetStreamProvider(GameStreams.ProviderName).GetStream<GameEvent>(GameStreamIds.ForGame(Wingo30)).OnNextAsync(notice);

        await hub.WaitUntil(c => c.PayloadsOf("betSettled").Count == 1, Patience);
        var settled = hub.PayloadsOf("betSettled")[0];
        Assert.Equal(("refunded-bet", "refunded", false, 5m), (settled.GetProperty("bet_id").GetString(), settled.GetProperty("status").GetString(),
            settled.GetProperty("won").GetBoolean(), settled.GetProperty("payout").GetDecimal()));
        Assert.Equal(30m, settled.GetProperty("balance").GetDecimal());
    }

    [Fact]
    public async Task Joining_an_unknown_game_is_a_hub_error_and_the_connection_survives()
    {
        await using var client = await HubClient.ConnectAsync(fixture.Cluster.Frontends[0]);

        await Assert.ThrowsAsync<HubException>(() => client.JoinGame("nosuchgame", 30));
        await Assert.ThrowsAsync<HubException>(() => client.JoinGame("wingo", 45));

        Assert.Equal("k3-60", await client.JoinGame("k3", 60));
    }

    private async Task<Period> StartNextPeriod(GameKey key)
    {
        var next = Schedule.Next(Schedule.PeriodAt(key, fixture.Cluster.Clock.GetUtcNow()));
        fixture.Cluster.Clock.SetUtcNow(next.StartsAt.AddSeconds(1));
        await fixture.Http.GetJsonAsync($"/api/games/{key.Game.WireName()}/periods?duration={key.DurationSeconds}");
        return next;
    }

    /// <summary>Other tests expect the clock one second into a ten-minute boundary, where every game takes bets.</summary>
    private void RealignClock()
    {
        var now = fixture.Cluster.Clock.GetUtcNow();
        var tenMinutes = TimeSpan.FromMinutes(10).Ticks;
        fixture.Cluster.Clock.SetUtcNow(new DateTimeOffset(now.UtcTicks - (now.UtcTicks % tenMinutes) + tenMinutes, TimeSpan.Zero).AddSeconds(1));
    }
}
