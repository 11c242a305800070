using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace GameServer.LoadTest;

/// <summary>
/// The old system's scenario mix: 40 % players, 30 % watchers, 20 % financial, 10 % browsing, grown
/// phase by phase. Users are created and funded before the first phase; the run ends with the
/// conservation audit.
/// </summary>
public sealed class LoadRun(Options options, LoadPreset preset)
{
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(5);

    private readonly LoadTimeline timeline = new();
    private readonly List<LoadMetrics> phases = [];
    private readonly List<Task> users = [];
    private readonly List<HttpClient> clients = options.Urls.Select(url => new HttpClient(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = 1024,
        PooledConnectionLifetime = TimeSpan.FromMinutes(10),
    })
    { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) }).ToList();
    private readonly GeneratorShare share = GeneratorShare.Of(options);
    private readonly AcknowledgedOperations acknowledged = new();
    private readonly HubReconnects reconnects = new();
    private readonly ConcurrentBag<HubSession> sessions = [];
    private DateTimeOffset? disturbanceEnded;
    private FrontendPool frontends = null!;
    private LoadMetrics? current;
    private int connectedWatchers;
    private int nextUser;
    private int[] accountOf = [];

    private enum Kind
    {
        Player,
        Watcher,
        Financial,
        Browsing,
        Lurker,
        Casual,
        Active,
        HighRoller,
        Admin,
    }

    /// <summary>
    /// Scenarios: every block of ten users holds four players, three watchers, two financial and one browsing,
    /// except that the first browsing user is the operator's staff at the console (<see cref="FirstAdmin"/>).
    /// Players: every block of a hundred holds 60 lurkers, 25 casual, 10 active, 4 high rollers and 1 admin.
    /// </summary>
    private Kind KindOf(int user) => user == FirstAdmin ? Kind.Admin : preset.Mix == LoadMix.Players
        ? (user % 100) switch
        {
            < 60 => Kind.Lurker,
            < 85 => Kind.Casual,
            < 95 => Kind.Active,
            < 99 => Kind.HighRoller,
            _ => Kind.Admin,
        }
        : (user % 10) switch
        {
            < 4 => Kind.Player,
            < 7 => Kind.Watcher,
            < 9 => Kind.Financial,
            _ => Kind.Browsing,
        };

    /// <summary>The staff member who also pays the queue and takes the staff actions (suspensions, VIP overrides, the announcement).</summary>
    private int FirstAdmin => preset.Mix == LoadMix.Players ? 99 : 9;

    /// <summary>Which game screen a player has open: of every 20, 10 on Wingo (30 s and 1 min most), then 5D, K3 and TRX.</summary>
    private static readonly (string Game, int Duration)[] Screens =
    [
        ("wingo", 30), ("wingo", 30), ("wingo", 30), ("wingo", 30), ("wingo", 60), ("wingo", 60), ("wingo", 60), ("wingo", 180), ("wingo", 300), ("wingo", 180),
        ("5d", 60), ("5d", 180), ("5d", 300), ("5d", 600),
        ("k3", 60), ("k3", 180), ("k3", 300), ("k3", 600),
        ("trx", 60), ("trx", 180),
    ];

    /// <summary>Every one of the 16 game-durations has players: the two TRX durations the table leaves out get every 40th and 80th player.</summary>
    private static (string Game, int Duration) ScreenOf(int user) => (user % 80) switch
    {
        39 => ("trx", 300),
        79 => ("trx", 600),
        var slot => Screens[slot % Screens.Length],
    };

    private string? adminToken;
    private List<long> knownUserIds = [];

    public async Task<int> RunAsync()
    {
        Console.WriteLine($"preset {preset.Name}: {string.Join(", ", preset.Phases.Select(p => $"{p.Name} {p.Users} users ({p.Ramp.TotalSeconds:F0} s ramp + {p.Hold.TotalSeconds:F0} s)"))}; think time {preset.ThinkMin.TotalSeconds:F0}–{preset.ThinkMax.TotalSeconds:F0} s");

        await using var pool = new FrontendPool(clients, watch: preset.ExpectsRestarts);
        frontends = pool;
        var setup = Stopwatch.StartNew();
        // Every user but a watcher plays an account of its own: the n-th such user, the n-th account, in every process.
        accountOf = new int[preset.MaxUsers];
        for (int user = 0, account = 0; user < preset.MaxUsers; user++)
        {
            accountOf[user] = KindOf(user) == Kind.Watcher ? -1 : account++;
        }

        var accounts = share.IsFirst
            ? await CreateAccounts(accountOf.Count(account => account >= 0))
            : (await GeneratorProcesses.ReadAccountsAsync(options.AccountsFile ?? throw new InvalidOperationException("A worker needs --accounts.")))
                .Select(a => new Account(a.Phone, a.Token, a.UserId)).ToList();
        knownUserIds = accounts.Select(account => account.UserId).ToList();
        if (preset.MaxUsers > FirstAdmin)
        {
            adminToken = await AdminToken();
        }

        var outFolder = options.Out ?? Path.Combine("results", $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{preset.Name}");
        var workers = new List<Process>();
        if (share.IsFirst && share.Count > 1)
        {
            Directory.CreateDirectory(outFolder);
            var accountsFile = Path.Combine(outFolder, "accounts.json");
            await GeneratorProcesses.WriteAccountsAsync(accountsFile, accounts.Select(a => new SharedAccount(a.Phone, a.Token, a.UserId)));
            workers = GeneratorProcesses.StartWorkers(options, accountsFile, outFolder);
            Console.WriteLine($"generator: {share.Count} processes, this one plays every {share.Count}th user; the others log to {outFolder}/worker-*/");
        }

        Console.WriteLine($"setup: {accounts.Count} players registered, logged in and funded in {setup.Elapsed.TotalSeconds:F0} s");

        using var stop = new CancellationTokenSource();
        foreach (var phase in preset.Phases)
        {
            var metrics = await RunPhase(phase, accounts, stop.Token);
            var broke = metrics.Broke(preset.P95LimitMs);
            var verdict = phase.Role == PhaseRole.Disturbed
                ? $"counted, not judged: {metrics.Endpoints.Values.Sum(e => e.ErrorCount)} failed requests ({metrics.Retried} retried, {metrics.GaveUp} given up){ErrorKinds(metrics)}"
                : broke is null ? "held" : $"broke: {broke}";
            Console.WriteLine($"phase {phase.Name}: {phase.Users} users, {metrics.RequestsPerSecond:F0} req/s, errors {metrics.ErrorCount}, worst p95 {metrics.WorstP95.Ms:F1} ms — {verdict}");
            if (broke is not null && phase.Role == PhaseRole.Gate)
            {
                break;
            }
        }

        current = null;
        await stop.CancelAsync();
        await Task.WhenAll(users.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));

        if (!share.IsFirst)
        {
            // This process's acknowledged operations are looked for here; a loss reaches the report as an error of the last phase.
            var own = await acknowledged.VerifyAsync(ReadAsPlayer);
            if (!own.Passed && phases.Count > 0)
            {
                phases[^1].RecordError($"acknowledged operations lost: {own.Lost.Count}, ledgers unreadable: {own.UnreadableAccounts.Count}");
            }

            await GeneratorProcesses.WriteFiguresAsync(outFolder, phases);
            return 0;
        }

        if (workers.Count > 0)
        {
            await GeneratorProcesses.MergeAsync(workers, outFolder, phases, TimeSpan.FromMinutes(2));
            File.Delete(Path.Combine(outFolder, "accounts.json")); // access tokens: not left in a report folder
        }

        var ledgers = await acknowledged.VerifyAsync(ReadAsPlayer);
        Console.WriteLine($"acknowledged operations: {ledgers.Acknowledged}, lost {ledgers.Lost.Count}{(ledgers.Lost.Count > 0 ? $" ({string.Join(", ", ledgers.Lost.Take(20))})" : "")}{(ledgers.UnreadableAccounts.Count > 0 ? $", ledgers unreadable: {ledgers.UnreadableAccounts.Count}" : "")}");
        if (disturbanceEnded is { } ended)
        {
            // Back is not enough: each connection on a game whose period fits in the time since must have heard a result again.
            var since = DateTimeOffset.UtcNow - ended;
            var due = sessions.Where(session => TimeSpan.FromSeconds(session.Screen.Duration) + ResultGrace < since).ToList();
            reconnects.Heard(due.Count, due.Count(session => session.LastResult > ended));
        }

        if (reconnects.Dropped > 0 || reconnects.DueResults > 0)
        {
            Console.WriteLine($"hub connections: {reconnects.Dropped} dropped, {reconnects.Reconnected} back (longest away {reconnects.LongestGap.TotalSeconds:F1} s, {reconnects.FailedAttempts} failed attempts), {reconnects.Away} away at the end; {reconnects.HeardResults} of {reconnects.DueResults} due a result heard one after the disturbance");
        }

        var audit = await Audit();
        var snapshot = await MetricsSnapshot();
        var report = new LoadReport(preset, options, phases, timeline, audit, snapshot, ledgers, reconnects);
        var folder = await report.WriteAsync(outFolder);
        Console.WriteLine($"report: {folder}");
        Console.WriteLine(report.Summary);
        return report.Passed ? 0 : 1;
    }

    /// <summary>Starts users evenly over the ramp (checked every 100 ms), then holds; everything recorded meanwhile belongs to the phase.</summary>
    /// <summary>
    /// What a disturbed phase's errors were, by kind (hub connections dropped by a stopping frontend count as
    /// errors too, so the phase's error count is more than its failed requests): "; errors: what n, …".
    /// </summary>
    private static string ErrorKinds(LoadMetrics metrics) =>
        metrics.Errors.IsEmpty ? "" : "; errors: " + string.Join(", ", metrics.Errors.OrderByDescending(e => e.Value).Select(e => $"{e.Key} {e.Value}"));

    private async Task<LoadMetrics> RunPhase(LoadPhase phase, List<Account> accounts, CancellationToken stop)
    {
        var metrics = new LoadMetrics(phase);
        phases.Add(metrics);
        var cpuBefore = share.IsFirst ? await ServerCpuSeconds() : null;
        Volatile.Write(ref current, metrics);
        timeline.PhaseStarted(phase.Name);
        var from = nextUser;
        var clock = Stopwatch.StartNew();
        var nextProgress = ProgressEvery;
        var requestsBefore = 0L;
        if (phase.Role == PhaseRole.Disturbed && options.StartFile is { } startFile)
        {
            // Whoever disturbs the servers (scripts/loadtest.sh rolling: a rolling restart) starts now.
            await File.WriteAllTextAsync(startFile, phase.Name, CancellationToken.None);
        }

        while (clock.Elapsed < phase.Duration && !(phase.Role == PhaseRole.Disturbed && options.UntilFile is { } untilFile && File.Exists(untilFile)))
        {
            var due = phase.Ramp <= TimeSpan.Zero || clock.Elapsed >= phase.Ramp
                ? phase.Users
                : from + (int)((phase.Users - from) * (clock.Elapsed / phase.Ramp));
            for (; nextUser < due; nextUser++)
            {
                if (share.Plays(nextUser))
                {
                    users.Add(StartUser(nextUser, accounts, stop));
                }
            }

            metrics.ObserveSockets(Volatile.Read(ref connectedWatchers));
            timeline.ObserveUsers(nextUser);
            if (clock.Elapsed >= nextProgress)
            {
                nextProgress += ProgressEvery;
                var requests = metrics.Requests;
                Console.WriteLine($"[{phase.Name} {clock.Elapsed.TotalSeconds,4:F0} s] users {nextUser}{(share.Count > 1 ? $" ({users.Count} here)" : "")}, sockets {connectedWatchers - reconnects.Away}{(share.Count > 1 ? " here" : "")}, {(requests - requestsBefore) / ProgressEvery.TotalSeconds:F0} req/s, errors {metrics.ErrorCount}{(metrics.Retried > 0 ? $" ({metrics.Retried} retried, {metrics.GaveUp} given up)" : "")}, worst p95 {metrics.WorstP95.Ms:F1} ms");
                requestsBefore = requests;
            }

            await Task.Delay(100, CancellationToken.None);
        }

        metrics.Elapsed = clock.Elapsed;
        if (phase.Role == PhaseRole.Disturbed)
        {
            disturbanceEnded = DateTimeOffset.UtcNow;
        }

        if (cpuBefore is { } before && await ServerCpuSeconds() is { } after)
        {
            metrics.ServerCpu = TimeSpan.FromSeconds(after - before);
        }

        return metrics;
    }

    private Task StartUser(int user, List<Account> accounts, CancellationToken stop)
    {
        var client = clients[user % clients.Count];
        return KindOf(user) switch
        {
            Kind.Watcher => Watcher(user % clients.Count, stop),
            Kind.Player => Player(client, accounts[accountOf[user]], stop),
            Kind.Financial => Financial(client, accounts[accountOf[user]], stop),
            Kind.Browsing => Browser(client, accounts[accountOf[user]], stop),
            var kind => ConnectedPlayer(kind, client, accounts[accountOf[user]], ScreenOf(user), user, stop),
        };
    }

    private sealed record Account(string Phone, string Token, long UserId);

    private async Task<List<Account>> CreateAccounts(int count)
    {
        var accounts = new ConcurrentBag<Account>();
        var prefix = 6_000_000_000 + (Random.Shared.NextInt64(0, 9_000) * 100_000);
        var progress = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, token) =>
        {
            var client = clients[i % clients.Count];
            var phone = (prefix + i).ToString(System.Globalization.CultureInfo.InvariantCulture);
            const string Password = "load-test-password";
            (await Setup.PostAsync(client, "/api/users/register", new { phone_no = phone, password = Password }, token)).EnsureSuccessStatusCode();
            var login = await (await Setup.PostAsync(client, "/api/users/login", new { phone_no = phone, password = Password }, token)).Content.ReadFromJsonAsync<JsonElement>(token);
            var data = login.GetProperty("data");
            var account = new Account(phone, data.GetProperty("token").GetString()!, data.GetProperty("user").GetProperty("user_id").GetInt64());
            if (options.HostedGateway is { } gateway)
            {
                await gateway.DepositAsync(client, account.Token, 5000, token);
            }
            else
            {
                using var deposit = Request(HttpMethod.Post, "/api/wallet/deposit", account, new { amount = 5000, gateway = "test" });
                (await client.SendAsync(deposit, token)).EnsureSuccessStatusCode();
            }
            accounts.Add(account);
            if (accounts.Count % 1000 == 0)
            {
                Console.WriteLine($"setup: {accounts.Count} of {count} players ({progress.Elapsed.TotalSeconds:F0} s)");
            }
        });
        return accounts.ToList();
    }

    private async Task Player(HttpClient client, Account account, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var period = await Call(client, "GET /api/games/{game}/periods", Request(HttpMethod.Get, "/api/games/wingo/periods?duration=30", account), stop);
            if (period is { } p && p.GetProperty("data").GetProperty("betting_closes_at").GetDateTimeOffset() - DateTimeOffset.UtcNow > TimeSpan.FromSeconds(2))
            {
                var bet = new { amount = 10, type = "size", value = Random.Shared.Next(2) == 0 ? "big" : "small", duration = 30 };
                acknowledged.Bet(account.UserId, account.Token, await Call(client, "POST /api/games/{game}/bet", Request(HttpMethod.Post, "/api/games/wingo/bet", account, bet), stop));
            }

            await Call(client, "GET /api/users/profile", Request(HttpMethod.Get, "/api/users/profile", account), stop);
            await Call(client, "GET /api/wallet/balance", Request(HttpMethod.Get, "/api/wallet/balance", account), stop);
            await Think(stop);
        }
    }

    /// <summary>Deposits and reads the wallet; every fifth round also withdraws ₹50 to a UPI id saved at the start (the staff pay the queue).</summary>
    private async Task Financial(HttpClient client, Account account, CancellationToken stop)
    {
        var method = await Call(client, "POST /api/wallet/payout-methods",
            Request(HttpMethod.Post, "/api/wallet/payout-methods", account, new { kind = "upi", vpa = $"load{account.UserId}@okaxis" }), stop);
        var methodId = method?.GetProperty("data").GetProperty("method_id").GetString();
        for (var round = 0; !stop.IsCancellationRequested; round++)
        {
            if (methodId is not null && round % 5 == 4)
            {
                acknowledged.Withdrawal(account.UserId, account.Token,
                    await Call(client, "POST /api/wallet/withdraw", Request(HttpMethod.Post, "/api/wallet/withdraw", account, new { amount = 50, method_id = methodId }), stop));
            }

            var order = await Call(client, "POST /api/wallet/deposit", Request(HttpMethod.Post, "/api/wallet/deposit", account, new { amount = 100, gateway = options.HostedGateway?.Name ?? "test" }), stop);
            await Pay(client, "POST /api/payments/{gateway}/callback", account, order, 100, stop);

            await Call(client, "GET /api/wallet/balance", Request(HttpMethod.Get, "/api/wallet/balance", account), stop);
            await Call(client, "GET /api/wallet/transactions", Request(HttpMethod.Get, "/api/wallet/transactions?page=1&limit=20", account), stop);
            await Think(stop);
        }
    }

    private async Task Browser(HttpClient client, Account account, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            await Call(client, "GET /api/games/{game}/{duration}/results", Request(HttpMethod.Get, "/api/games/wingo/30/results?page=1&limit=20", account), stop);
            await Call(client, "GET /api/users/{id}/bet-history", Request(HttpMethod.Get, $"/api/users/{account.UserId}/bet-history?page=1&limit=20", account), stop);
            await Call(client, "GET /api/users/{id}/team-summary", Request(HttpMethod.Get, $"/api/users/{account.UserId}/team-summary", account), stop);
            await Think(stop);
        }
    }

    /// <summary>
    /// A player with the app open: one authenticated hub connection to the game screen it is on (results
    /// timed from the draw), and what its type does meanwhile.
    /// </summary>
    private async Task ConnectedPlayer(Kind kind, HttpClient client, Account account, (string Game, int Duration) screen, int user, CancellationToken stop)
    {
        var connection = TimedHubSession(user % clients.Count, account.Token, screen, stop);
        var name = kind.ToString().ToLowerInvariant();
        try
        {
            await connection.StartAsync();
            Interlocked.Increment(ref connectedWatchers);
            try
            {
                var act = kind switch
                {
                    Kind.Lurker => Lurk(client, account, screen, name, stop),
                    Kind.Casual => BetByPeriods(client, account, screen, name, stake: 10, everyPeriods: Random.Shared.Next(2, 5), stop),
                    Kind.Active => BetByPeriods(client, account, screen, name, stake: 10, everyPeriods: 1, stop),
                    Kind.HighRoller => HighRoll(client, account, screen, name, stop),
                    _ => Administer(client, name, firstAdmin: user == FirstAdmin, stop),
                };
                await act;
            }
            finally
            {
                Interlocked.Decrement(ref connectedWatchers);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (Exception exception) when (exception is HttpRequestException or System.Net.WebSockets.WebSocketException or InvalidOperationException or TimeoutException)
        {
            Volatile.Read(ref current)?.RecordError($"signalr connect: {exception.GetType().Name}");
        }
        finally
        {
            await connection.DisposeAsync();
        }
    }

    /// <summary>Watches, and every 10–30 s browses the results or the trend (the last 100).</summary>
    private async Task Lurk(HttpClient client, Account account, (string Game, int Duration) screen, string name, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            await Think(stop);
            var trend = Random.Shared.Next(3) == 0;
            await Call(client, $"{name} GET /api/games/{{game}}/{{duration}}/results{(trend ? " (trend, 100)" : "")}",
                Request(HttpMethod.Get, $"/api/games/{screen.Game}/{screen.Duration}/results?page=1&limit={(trend ? 100 : 20)}", account), stop);
        }
    }

    /// <summary>Stakes on its game every <paramref name="everyPeriods"/> periods, reading the open period first.</summary>
    private async Task BetByPeriods(HttpClient client, Account account, (string Game, int Duration) screen, string name, long stake, int everyPeriods, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var period = await Call(client, $"{name} GET /api/games/{{game}}/periods",
                Request(HttpMethod.Get, $"/api/games/{screen.Game}/periods?duration={screen.Duration}", account), stop);
            var endsAt = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(screen.Duration);
            if (period is { } p)
            {
                var data = p.GetProperty("data");
                endsAt = data.GetProperty("ends_at").GetDateTimeOffset();
                if (data.GetProperty("betting_closes_at").GetDateTimeOffset() - DateTimeOffset.UtcNow > TimeSpan.FromSeconds(2))
                {
                    acknowledged.Bet(account.UserId, account.Token,
                        await Call(client, $"{name} POST /api/games/{{game}}/bet", Request(HttpMethod.Post, $"/api/games/{screen.Game}/bet", account, BetOn(screen, stake)), stop));
                }
            }

            // The next bet goes on a later period, at some moment of its betting window (a player decides
            // while the countdown runs, not all in the first second of it).
            var window = Math.Max(1, screen.Duration - 8);
            var wait = endsAt - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(screen.Duration * (everyPeriods - 1))
                + TimeSpan.FromMilliseconds(Random.Shared.Next(500, window * 1000));
            await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(1), stop).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>
    /// Large stakes every period, and now and then a deposit, a withdrawal and a look at the wallet. Withdrawals
    /// go to a UPI id the player saves first (SPEC §5); scripts/loadtest.sh runs the servers without the
    /// cooling-off, so it is usable at once.
    /// </summary>
    private async Task HighRoll(HttpClient client, Account account, (string Game, int Duration) screen, string name, CancellationToken stop)
    {
        var betting = BetByPeriods(client, account, screen, name, stake: 1_000, everyPeriods: 1, stop);
        var method = await Call(client, $"{name} POST /api/wallet/payout-methods",
            Request(HttpMethod.Post, "/api/wallet/payout-methods", account, new { kind = "upi", vpa = $"load{account.UserId}@okaxis" }), stop);
        var methodId = method?.GetProperty("data").GetProperty("method_id").GetString();
        while (!stop.IsCancellationRequested)
        {
            await Think(stop);
            var order = await Call(client, $"{name} POST /api/wallet/deposit",
                Request(HttpMethod.Post, "/api/wallet/deposit", account, new { amount = 2_000, gateway = options.HostedGateway?.Name ?? "test" }), stop);
            await Pay(client, $"{name} POST /api/payments/{{gateway}}/callback", account, order, 2_000, stop);
            acknowledged.Withdrawal(account.UserId, account.Token,
                await Call(client, $"{name} POST /api/wallet/withdraw", Request(HttpMethod.Post, "/api/wallet/withdraw", account, new { amount = 500, method_id = methodId }), stop));
            await Call(client, $"{name} GET /api/wallet/balance", Request(HttpMethod.Get, "/api/wallet/balance", account), stop);
            await Call(client, $"{name} GET /api/wallet/transactions", Request(HttpMethod.Get, "/api/wallet/transactions?page=1&limit=20", account), stop);
        }

        await betting;
    }

    /// <summary>
    /// Staff at the console: the withdrawal queue, player lookups and the staff audit trail. One of them also pays
    /// the queue, publishes an announcement (every connected player hears it), now and then fixes a playing
    /// player's VIP level and lifts it again, and suspends, reinstates and credits an account of its own that does not play.
    /// </summary>
    private async Task Administer(HttpClient client, string name, bool firstAdmin, CancellationToken stop)
    {
        var admin = new Account(options.AdminPhone, adminToken ?? throw new InvalidOperationException("No admin token."), 0);
        var suspensionTarget = firstAdmin ? await SuspensionTarget(client, stop) : null;
        if (firstAdmin)
        {
            using var publish = Request(HttpMethod.Post, "/api/admin/announcements", admin,
                new { title = "Load test", text = "A notice from the load generator.", ends_at = DateTimeOffset.UtcNow.AddHours(1) });
            publish.Headers.Add("Idempotency-Key", $"load-{Guid.NewGuid():N}");
            await Call(client, $"{name} POST /api/admin/announcements", publish, stop);
        }

        for (var round = 0; !stop.IsCancellationRequested; round++)
        {
            await Think(stop);
            var queue = await Call(client, $"{name} GET /api/admin/withdrawals", Request(HttpMethod.Get, "/api/admin/withdrawals?status=pending&page=1&limit=20", admin), stop);
            if (firstAdmin && queue is { } q && q.GetProperty("data").GetProperty("items").EnumerateArray().FirstOrDefault() is { ValueKind: JsonValueKind.Object } oldest)
            {
                await Call(client, $"{name} POST /api/admin/withdrawals/{{id}}/approve",
                    Request(HttpMethod.Post, $"/api/admin/withdrawals/{oldest.GetProperty("withdrawal_id").GetString()}/approve", admin), stop);
            }

            if (knownUserIds.Count > 0)
            {
                var lookup = knownUserIds[Random.Shared.Next(knownUserIds.Count)];
                await Call(client, $"{name} GET /api/admin/users/{{id}}", Request(HttpMethod.Get, $"/api/admin/users/{lookup}", admin), stop);
                if (firstAdmin && round % 5 == 0)
                {
                    await Call(client, $"{name} PUT /api/admin/users/{{id}}/vip",
                        Request(HttpMethod.Put, $"/api/admin/users/{lookup}/vip", admin, new { level = Random.Shared.Next(0, 11), reason = "load test" }), stop);
                    await Call(client, $"{name} PUT /api/admin/users/{{id}}/vip",
                        Request(HttpMethod.Put, $"/api/admin/users/{lookup}/vip", admin, new { follow_turnover = true, reason = "load test over" }), stop);
                }
            }

            await Call(client, $"{name} GET /api/admin/staff-actions", Request(HttpMethod.Get, "/api/admin/staff-actions?page=1&limit=20", admin), stop);
            if (suspensionTarget is { } target && round % 3 == 0)
            {
                await Call(client, $"{name} POST /api/admin/users/{{id}}/suspend", Request(HttpMethod.Post, $"/api/admin/users/{target}/suspend", admin, new { reason = "load test" }), stop);
                await Call(client, $"{name} GET /api/admin/users/{{id}}/sessions", Request(HttpMethod.Get, $"/api/admin/users/{target}/sessions", admin), stop);
                await Call(client, $"{name} POST /api/admin/users/{{id}}/reinstate", Request(HttpMethod.Post, $"/api/admin/users/{target}/reinstate", admin, new { reason = "load test over" }), stop);
                using var credit = Request(HttpMethod.Post, $"/api/admin/users/{target}/credit", admin, new { amount = 1, reason = "load test goodwill" });
                credit.Headers.Add("Idempotency-Key", $"load-credit-{Guid.NewGuid():N}");
                await Call(client, $"{name} POST /api/admin/users/{{id}}/credit", credit, stop);
            }
        }
    }

    /// <summary>An account of the staff's own for suspending: it does not play, so its refusals are nobody's errors.</summary>
    private static async Task<long?> SuspensionTarget(HttpClient client, CancellationToken stop)
    {
        var phone = (6_999_900_000 + Random.Shared.NextInt64(0, 99_999)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var registered = await Setup.PostAsync(client, "/api/users/register", new { phone_no = phone, password = "load-test-password" }, stop);
        return registered.IsSuccessStatusCode
            ? (await registered.Content.ReadFromJsonAsync<JsonElement>(stop)).GetProperty("data").GetProperty("user_id").GetInt64()
            : null;
    }

    private static object BetOn((string Game, int Duration) screen, long stake) => new
    {
        amount = stake,
        type = screen.Game == "5d" ? "sum_size" : "size",
        value = Random.Shared.Next(2) == 0 ? "big" : "small",
        duration = screen.Duration,
    };

    private async Task<string?> AdminToken()
    {
        using var login = await Setup.PostAsync(clients[0], "/api/users/login", new { phone_no = options.AdminPhone, password = options.AdminPassword }, CancellationToken.None);
        return login.IsSuccessStatusCode
            ? (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("token").GetString()
            : throw new InvalidOperationException($"The admin {options.AdminPhone} could not log in ({(int)login.StatusCode}): pass --admin-phone and --admin-password.");
    }

    /// <summary>
    /// A WebSocket hub connection to the user's frontend (signed in when given a token), joined to <paramref name="screen"/>,
    /// whose results are timed from their draw. An unexpected close is an error; when the preset expects the servers to
    /// restart, the user also connects again (to the next frontend first) and rejoins.
    /// </summary>
    private HubSession TimedHubSession(int frontend, string? token, (string Game, int Duration) screen, CancellationToken stop)
    {
        var session = new HubSession(attempt => options.Urls[frontends.Route(frontend + attempt)], token, screen, connection =>
        {
            connection.On<JsonElement>("announcement", _ => { }); // the staff's notice reaches every player; nothing to time
            connection.On<JsonElement>("gameResult", payload =>
                Volatile.Read(ref current)?.RecordDelivery(DateTimeOffset.UtcNow - payload.GetProperty("drawn_at").GetDateTimeOffset()));
        }, preset.ExpectsRestarts, reconnects, () => Volatile.Read(ref current), stop);
        sessions.Add(session);
        return session;
    }

    /// <summary>A result reaches its watchers within moments of its period's end; this much more is allowed before one counts as missing.</summary>
    private static readonly TimeSpan ResultGrace = TimeSpan.FromSeconds(3);

    private async Task Watcher(int frontend, CancellationToken stop)
    {
        var connection = TimedHubSession(frontend, token: null, ("wingo", 30), stop);
        try
        {
            await connection.StartAsync();
            Interlocked.Increment(ref connectedWatchers);
            await Task.Delay(Timeout.Infinite, stop);
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            Volatile.Read(ref current)?.RecordError($"signalr {exception.GetType().Name}");
        }
        finally
        {
            Interlocked.Decrement(ref connectedWatchers);
            await connection.DisposeAsync();
        }
    }

    /// <summary>
    /// Sends a request and records its latency and status; the parsed body of a 2xx answer, else null. Every POST
    /// carries an <c>Idempotency-Key</c> of its own intent, as the web app's do. When the preset expects the servers
    /// to restart, a failure a retry may cure (no answer, 500, 502, 503, 504) is recorded and the same request —
    /// the same key — is sent again to the next frontend after a pause (its Retry-After, when given).
    /// </summary>
    private async Task<JsonElement?> Call(HttpClient client, string endpoint, HttpRequestMessage request, CancellationToken stop)
    {
        if (request.Method == HttpMethod.Post && !request.Headers.Contains(IdempotencyKeyHeader))
        {
            request.Headers.Add(IdempotencyKeyHeader, $"load-{Guid.NewGuid():N}");
        }

        var attempts = preset.ExpectsRestarts ? RetryAttempts : 1;
        var frontend = frontends.Route(clients.IndexOf(client));
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(stop);
        var pause = FirstRetryPause;
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var (status, answer, retryAfter) = await Send(frontend, endpoint, request, stop);
                if (status is >= 200 and < 300 || stop.IsCancellationRequested || attempt == attempts || !Retriable(status))
                {
                    if (attempt > 1 && status is < 200 or >= 300 && !stop.IsCancellationRequested)
                    {
                        Volatile.Read(ref current)?.GaveUpOn(endpoint);
                    }

                    return status is >= 200 and < 300 ? answer : null;
                }

                Volatile.Read(ref current)?.Retrying();
                await Task.Delay(retryAfter ?? pause, stop).ContinueWith(_ => { }, TaskScheduler.Default);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestRetryPause.Ticks));
                frontend = frontends.Route(frontend + 1);
                request = Copy(request, body);
            }
        }
        finally
        {
            request.Dispose();
        }
    }

    private const string IdempotencyKeyHeader = "Idempotency-Key";
    private const int RetryAttempts = 8;
    private static readonly TimeSpan FirstRetryPause = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LongestRetryPause = TimeSpan.FromSeconds(2);

    /// <summary>No answer (status 0), or an answer that says the server, not the request, failed.</summary>
    private static bool Retriable(int status) => status is 0 or 500 or 502 or 503 or 504;

    /// <summary>One attempt on one frontend: (status, 0 for no answer; the 2xx body; the Retry-After asked for). A refused connection takes the frontend out of the pool.</summary>
    private async Task<(int Status, JsonElement? Body, TimeSpan? RetryAfter)> Send(int frontend, string endpoint, HttpRequestMessage request, CancellationToken stop)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await clients[frontend].SendAsync(request, stop);
            var body = await response.Content.ReadAsStringAsync(stop);
            Record(endpoint, Stopwatch.GetElapsedTime(started), (int)response.StatusCode);
            return ((int)response.StatusCode, response.IsSuccessStatusCode && body.Length > 0 ? JsonDocument.Parse(body).RootElement.Clone() : null, response.Headers.RetryAfter?.Delta);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return (0, null, null);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or IOException)
        {
            var refused = exception is HttpRequestException { InnerException: System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.ConnectionRefused } };
            if (refused)
            {
                frontends.Refused(frontend);
            }

            Record(endpoint, Stopwatch.GetElapsedTime(started), 0, refused ? $"refused by frontend {frontend}"
                : exception is TaskCanceledException ? "timeout"
                : exception is HttpRequestException { HttpRequestError: not HttpRequestError.Unknown } failed ? failed.HttpRequestError.ToString()
                : exception.GetType().Name);
            return (0, null, null);
        }
    }

    /// <summary>
    /// The same request again (a sent one cannot be): method, path, headers and the body's bytes. The path only: a sent
    /// request's URI has become absolute, its frontend's, and the copy goes wherever the balancer sends it.
    /// </summary>
    private static HttpRequestMessage Copy(HttpRequestMessage sent, byte[]? body)
    {
        var path = sent.RequestUri is { IsAbsoluteUri: true } absolute ? new Uri(absolute.PathAndQuery, UriKind.Relative) : sent.RequestUri;
        var copy = new HttpRequestMessage(sent.Method, path);
        foreach (var (name, values) in sent.Headers)
        {
            copy.Headers.TryAddWithoutValidation(name, values);
        }

        if (body is not null)
        {
            copy.Content = new ByteArrayContent(body);
            foreach (var (name, values) in sent.Content!.Headers)
            {
                copy.Content.Headers.TryAddWithoutValidation(name, values);
            }
        }

        sent.Dispose();
        return copy;
    }

    /// <summary>Pays a deposit order the way its gateway does (or finds it paid already, by Development's test gateway) and counts it acknowledged.</summary>
    private async Task Pay(HttpClient client, string endpoint, Account account, JsonElement? order, long amountRupees, CancellationToken stop)
    {
        if (order is not { } created)
        {
            return;
        }

        if (options.HostedGateway is { } gateway)
        {
            acknowledged.PaidDeposit(account.UserId, account.Token,
                await Call(client, endpoint, gateway.PaidCallback(created.GetProperty("data").GetProperty("order_id").GetString()!, amountRupees), stop));
        }
        else if (created.GetProperty("data").GetProperty("status").GetString() == "paid")
        {
            acknowledged.PaidDeposit(account.UserId, account.Token, created);
        }
    }

    /// <summary>A GET as the player with <paramref name="token"/>, retried as any of the run's calls; outside the phases' figures.</summary>
    private Task<JsonElement?> ReadAsPlayer(string token, string path) =>
        Call(clients[Random.Shared.Next(clients.Count)], "verify GET /api/wallet/transactions", PlayerRequests.Authorized(HttpMethod.Get, path, token), CancellationToken.None);

    private void Record(string endpoint, TimeSpan latency, int status, string? noAnswer = null)
    {
        if (Volatile.Read(ref current) is { } metrics)
        {
            metrics.Record(endpoint, latency, status, noAnswer);
            timeline.Record(latency);
        }
    }

    private Task Think(CancellationToken stop) =>
        Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next((int)preset.ThinkMin.TotalMilliseconds, (int)preset.ThinkMax.TotalMilliseconds)), stop)
            .ContinueWith(_ => { }, TaskScheduler.Default);

    private static HttpRequestMessage Request(HttpMethod method, string path, Account account, object? body = null) =>
        PlayerRequests.Authorized(method, path, account.Token, body);

    private async Task<JsonElement?> Audit()
    {
        var client = clients[0];
        var login = await client.PostAsJsonAsync("/api/users/login", new { phone_no = options.AdminPhone, password = options.AdminPassword });
        if (!login.IsSuccessStatusCode)
        {
            return null;
        }

        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("token").GetString()!;
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/admin/audit");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        return response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data") : null;
    }

    /// <summary>The server's own meters at the end of the run, from each frontend and any extra /metrics URL (the silos).</summary>
    /// <summary>
    /// The CPU time the servers have used so far, summed over every process whose <c>/metrics</c> the run
    /// reads (.NET's own <c>dotnet.process.cpu.time</c>, user and system): read at a phase's start and end,
    /// it gives the servers' CPU per request of that phase. Null when a process does not answer.
    /// </summary>
    private async Task<double?> ServerCpuSeconds()
    {
        var total = 0.0;
        foreach (var source in options.Urls.Select(url => new Uri(url, "/metrics")).Concat(options.MetricsUrls))
        {
            try
            {
                var text = await clients[0].GetStringAsync(source);
                total += text.Split('\n')
                    .Where(line => line.StartsWith("dotnet_process_cpu_time_seconds_total{", StringComparison.Ordinal))
                    .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
            }
            catch (Exception exception) when (exception is HttpRequestException or FormatException or TaskCanceledException)
            {
                return null;
            }
        }

        return total;
    }

    private async Task<string> MetricsSnapshot()
    {
        var sources = options.Urls.Select(url => new Uri(url, "/metrics")).Concat(options.MetricsUrls);
        var lines = new List<string>();
        foreach (var source in sources)
        {
            try
            {
                var text = await clients[0].GetStringAsync(source);
                lines.Add($"# {source}");
                lines.AddRange(text.Split('\n').Where(line => line.StartsWith("gameserver_", StringComparison.Ordinal) && !line.Contains("_bucket{", StringComparison.Ordinal)));
            }
            catch (HttpRequestException exception)
            {
                lines.Add($"# {source} unavailable: {exception.Message}");
            }
        }

        return string.Join('\n', lines);
    }
}
