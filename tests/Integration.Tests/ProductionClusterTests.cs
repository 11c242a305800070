using GameServer.Games;
using GameServer.Players;
using GameServer.Testing;
using GameServer.Wallet;

namespace GameServer.Integration.Tests;

[Collection(ProductionSiloCollection.Name)]
public sealed class ProductionClusterTests : IAsyncLifetime
{
    private const int ActiveStatus = 3;
    private const int DeadStatus = 6;

    private readonly ProcessCluster cluster = new(MariaDb.ConnectionString, siloCount: 3);

    public Task InitializeAsync() => cluster.StartConnectedAsync();

    public async Task DisposeAsync() => await cluster.DisposeAsync();

    [Fact]
    public async Task The_dashboard_of_a_production_silo_answers_admins_only_on_every_one_of_its_endpoints()
    {
        var phone = PhoneNumberRules.Canonical(ApiClientExtensions.NewPhoneNumber());
        await cluster.Client.GetGrain<IPhoneIndexGrain>(PlayerKeys.Phone(phone)).Register(new NewUser(phone, "a-players-password", null));
        using var http = new HttpClient { BaseAddress = cluster.HttpAddress(0) };

        foreach (var path in new[] { "dashboard/", "dashboard/DashboardCounters", "dashboard/index.min.js", "DASHBOARD/ClusterStats" })
        {
            using var anonymous = await http.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(anonymous.StatusCode == System.Net.HttpStatusCode.Unauthorized, $"{path}: {(int)anonymous.StatusCode}");
            Assert.Equal("Basic", anonymous.Headers.WwwAuthenticate.Single().Scheme);
        }

        // A player's right password is refused exactly as a wrong one: the dashboard checks passwords for nobody but admins.
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, await Status(http, "dashboard/", phone, "a-players-password"));
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, await Status(http, "dashboard/", ProcessCluster.AdminPhoneNumber, "not-the-admin-password"));
        Assert.Equal(System.Net.HttpStatusCode.OK, await Status(http, "dashboard/", ProcessCluster.AdminPhoneNumber, ProcessCluster.AdminPassword));
        Assert.Equal(System.Net.HttpStatusCode.OK, await Status(http, "dashboard/DashboardCounters", $"+91 {ProcessCluster.AdminPhoneNumber}", ProcessCluster.AdminPassword));
        var player = (await cluster.Client.GetGrain<IUserGrain>((await cluster.Client.GetGrain<IPhoneIndexGrain>(PlayerKeys.Phone(phone)).FindUserId())!.Value).GetProfile());
        Assert.Null(player.LastLoginAt);
    }

    [Fact]
    public async Task Guessing_one_accounts_dashboard_password_runs_out_of_attempts()
    {
        var phone = PhoneNumberRules.Canonical(ApiClientExtensions.NewPhoneNumber());
        using var http = new HttpClient { BaseAddress = cluster.HttpAddress(1) };

        var statuses = new List<System.Net.HttpStatusCode>();
        for (var guess = 0; guess < 11; guess++)
        {
            statuses.Add(await Status(http, "dashboard/", phone, $"guess-number-{guess:D2}"));
        }

        Assert.Equal(10, statuses.Count(status => status == System.Net.HttpStatusCode.Unauthorized));
        Assert.Equal(System.Net.HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    private static async Task<System.Net.HttpStatusCode> Status(HttpClient http, string path, string phone, string password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{phone}:{password}")));
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task A_production_silo_serves_liveness_readiness_and_metrics_to_operators()
    {
        using var http = new HttpClient { BaseAddress = cluster.HttpAddress(1) };

        using var live = await http.GetAsync(new Uri("health/live", UriKind.Relative));
        using var ready = await http.GetAsync(new Uri("health/ready", UriKind.Relative));
        using var metrics = await http.GetAsync(new Uri("metrics", UriKind.Relative));

        Assert.Equal(System.Net.HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("orleans_", await metrics.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Three_silos_join_the_membership_table_and_see_each_other()
    {
        var active = await MariaDb.ScalarAsync<int>(
            "SELECT COUNT(*) FROM OrleansMembershipTable WHERE DeploymentId = @c AND Status = @s", ("@c", cluster.ClusterId), ("@s", ActiveStatus));
        var hosts = await cluster.Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);

        Assert.Equal(3, active);
        Assert.Equal(3, hosts.Count);
    }

    [Fact]
    public async Task A_killed_silo_is_declared_dead_and_its_grains_come_back_elsewhere_with_their_state()
    {
        var users = new List<UserProfile>();
        for (var i = 0; i < 30; i++)
        {
            var phone = PhoneNumberRules.Canonical(ApiClientExtensions.NewPhoneNumber());
            users.Add(await cluster.Client.GetGrain<IPhoneIndexGrain>(PlayerKeys.Phone(phone)).Register(new NewUser(phone, "long-enough-password", null)));
        }

        cluster.Kill(2);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(45);
        while (await MariaDb.ScalarAsync<int>("SELECT COUNT(*) FROM OrleansMembershipTable WHERE DeploymentId = @c AND Status = @s",
                   ("@c", cluster.ClusterId), ("@s", DeadStatus)) == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The killed silo was not declared dead within 45 s.");
            await Task.Delay(500);
        }

        foreach (var user in users)
        {
            var profile = await Retry(() => cluster.Client.GetGrain<IUserGrain>(user.UserId).GetProfile());
            Assert.Equal(user.PhoneNumber, profile.PhoneNumber);
        }

        Assert.Equal(2, (await cluster.Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Count);
    }

    [Fact]
    public async Task A_silo_told_to_stop_leaves_the_membership_within_its_timeout_and_its_players_money_is_served_by_the_others()
    {
        var wallets = new List<(IWalletGrain Wallet, Money Expected)>();
        for (var i = 0; i < 30; i++)
        {
            // Thirty wallets, activated over the three silos; the one that stops holds about a third of them.
            var wallet = cluster.Client.GetGrain<IWalletGrain>(Random.Shared.NextInt64(10_000_000_000, 90_000_000_000));
            await wallet.CreditDeposit($"leave-{cluster.ClusterId}-{i}", Money.FromMajor(100 + i), "test");
            wallets.Add((wallet, Money.FromMajor(100 + i)));
        }

        var took = await cluster.TerminateAsync(2, bound: TimeSpan.FromSeconds(40));

        // Production's Shutdown:Timeout is 30 s; with nothing in flight a silo leaves in a few.
        Assert.True(took < TimeSpan.FromSeconds(15), $"The silo took {took} to stop.");
        // It wrote itself dead on its way out: nobody had to probe and vote, as for a killed silo.
        Assert.Equal(1, await MariaDb.ScalarAsync<int>("SELECT COUNT(*) FROM OrleansMembershipTable WHERE DeploymentId = @c AND Status = @s",
            ("@c", cluster.ClusterId), ("@s", DeadStatus)));
        Assert.Equal(2, (await cluster.Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Count);
        foreach (var (wallet, expected) in wallets)
        {
            Assert.Equal(expected, (await Retry(() => wallet.GetBalance())).Available);
        }

        var after = await Retry(() => wallets[0].Wallet.CreditDeposit($"leave-{cluster.ClusterId}-after", Money.FromMajor(1), "test"));
        Assert.Equal(wallets[0].Expected + Money.FromMajor(1), after.BalanceAfter);
        var audit = await cluster.Client.GetGrain<ILedgerAuditGrain>(0).Audit();
        Assert.True(audit.Conserved, string.Join("; ", audit.Violations));
    }

    [Fact]
    public async Task Balances_bets_and_reminders_survive_a_full_restart_of_silos_and_database_and_the_audit_holds()
    {
        var wallets = new List<(IWalletGrain Wallet, Money Expected)>();
        for (var i = 0; i < 10; i++)
        {
            var wallet = cluster.Client.GetGrain<IWalletGrain>(Random.Shared.NextInt64(10_000_000_000, 90_000_000_000));
            await wallet.CreditDeposit($"restart-{i}", Money.FromMajor(100 + i), "test");
            await wallet.RequestWithdrawal($"restart-w-{cluster.ClusterId}-{i}", Money.FromMajor(10), await cluster.Client.TestPayoutMethod(wallet));
            wallets.Add((wallet, Money.FromMajor(90 + i)));
        }

        // A bet on the ten-minute game (its betting window is open all but five seconds of each period).
        var game = new GameKey(GameId.Trx, 600);
        var bettor = wallets[0].Wallet;
        var bet = new BetRequest($"restart-bet-{Guid.NewGuid():N}", game, null, new BetSelection(BetType.Size, "big"), Money.FromMajor(5));
        var receipt = await Retry(() => bettor.PlaceBet(bet));
        wallets[0] = (bettor, wallets[0].Expected - Money.FromMajor(5));

        var reminders = await MariaDb.ScalarAsync<int>("SELECT COUNT(*) FROM OrleansRemindersTable WHERE ServiceId = @s", ("@s", cluster.ClusterId));

        cluster.KillAll();
        await MariaDb.RestartAsync();
        await cluster.StartAllAsync();
        await cluster.ConnectClientAsync();

        var history = await Retry(() => cluster.Client.GetGrain<IWalletGrain>(bettor.GetPrimaryKeyLong())
            .GetBetHistory(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1), 1, 10));
        var kept = Assert.Single(history.Bets);
        Assert.Equal(receipt.PeriodId, kept.Bet.PeriodId);
        var stillOpen = kept.Outcome is null;
        foreach (var (wallet, expected) in wallets)
        {
            var balance = await Retry(() => cluster.Client.GetGrain<IWalletGrain>(wallet.GetPrimaryKeyLong()).GetBalance());
            Assert.Equal(Money.FromMajor(10), balance.Held);
            if (wallet.GetPrimaryKeyLong() != bettor.GetPrimaryKeyLong() || stillOpen)
            {
                Assert.Equal(expected, balance.Available);
            }
        }

        Assert.Equal(GameCatalog.AllKeys().Count() + 3, reminders); // every game, the daily commission, the daily VIP rebate and the seed-chain calendar
        Assert.Equal(reminders, await MariaDb.ScalarAsync<int>("SELECT COUNT(*) FROM OrleansRemindersTable WHERE ServiceId = @s", ("@s", cluster.ClusterId)));
        var audit = await cluster.Client.GetGrain<ILedgerAuditGrain>(0).Audit();
        Assert.True(audit.Conserved, string.Join("; ", audit.Violations));
    }

    private static async Task<T> Retry<T>(Func<Task<T>> call)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (Exception) when (attempt < 40)
            {
                await Task.Delay(250);
            }
        }
    }
}
