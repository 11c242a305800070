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
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
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
    private LoadMetrics? current;
    private int connectedWatchers;
    private int nextAccount;

    private enum Kind
    {
        Player,
        Watcher,
        Financial,
        Browsing,
    }

    /// <summary>Every block of ten users holds four players, three watchers, two financial and one browsing, at any size.</summary>
    private static Kind KindOf(int user) => (user % 10) switch
    {
        < 4 => Kind.Player,
        < 7 => Kind.Watcher,
        < 9 => Kind.Financial,
        _ => Kind.Browsing,
    };

    public async Task<int> RunAsync()
    {
        Console.WriteLine($"preset {preset.Name}: {string.Join(", ", preset.Phases.Select(p => $"{p.Name} {p.Users} users ({p.Ramp.TotalSeconds:F0} s ramp + {p.Hold.TotalSeconds:F0} s)"))}; think time {preset.ThinkMin.TotalSeconds:F0}–{preset.ThinkMax.TotalSeconds:F0} s");

        var setup = Stopwatch.StartNew();
        var accounts = await CreateAccounts(Enumerable.Range(0, preset.MaxUsers).Count(user => KindOf(user) != Kind.Watcher));
        Console.WriteLine($"setup: {accounts.Count} players registered, logged in and funded in {setup.Elapsed.TotalSeconds:F0} s");

        using var stop = new CancellationTokenSource();
        foreach (var phase in preset.Phases)
        {
            var metrics = await RunPhase(phase, accounts, stop.Token);
            var broke = metrics.Broke(preset.P95LimitMs);
            Console.WriteLine($"phase {phase.Name}: {phase.Users} users, {metrics.RequestsPerSecond:F0} req/s, errors {metrics.ErrorCount}, worst p95 {metrics.WorstP95.Ms:F1} ms — {(broke is null ? "held" : $"broke: {broke}")}");
            if (broke is not null && phase.Role != PhaseRole.WarmUp)
            {
                break;
            }
        }

        current = null;
        await stop.CancelAsync();
        await Task.WhenAll(users.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));

        var audit = await Audit();
        var snapshot = await MetricsSnapshot();
        var report = new LoadReport(preset, options, phases, timeline, audit, snapshot);
        var folder = await report.WriteAsync(options.Out ?? Path.Combine("results", $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{preset.Name}"));
        Console.WriteLine($"report: {folder}");
        Console.WriteLine(report.Summary);
        return report.Passed ? 0 : 1;
    }

    /// <summary>Starts users evenly over the ramp (checked every 100 ms), then holds; everything recorded meanwhile belongs to the phase.</summary>
    private async Task<LoadMetrics> RunPhase(LoadPhase phase, List<Account> accounts, CancellationToken stop)
    {
        var metrics = new LoadMetrics(phase);
        phases.Add(metrics);
        Volatile.Write(ref current, metrics);
        timeline.PhaseStarted(phase.Name);
        var from = users.Count;
        var clock = Stopwatch.StartNew();
        var nextProgress = ProgressEvery;
        var requestsBefore = 0L;
        while (clock.Elapsed < phase.Duration)
        {
            var due = phase.Ramp <= TimeSpan.Zero || clock.Elapsed >= phase.Ramp
                ? phase.Users
                : from + (int)((phase.Users - from) * (clock.Elapsed / phase.Ramp));
            while (users.Count < due)
            {
                users.Add(StartUser(users.Count, accounts, stop));
            }

            metrics.ObserveSockets(Volatile.Read(ref connectedWatchers));
            timeline.ObserveUsers(users.Count);
            if (clock.Elapsed >= nextProgress)
            {
                nextProgress += ProgressEvery;
                var requests = metrics.Requests;
                Console.WriteLine($"[{phase.Name} {clock.Elapsed.TotalSeconds,4:F0} s] users {users.Count}, sockets {connectedWatchers}, {(requests - requestsBefore) / ProgressEvery.TotalSeconds:F0} req/s, errors {metrics.ErrorCount}, worst p95 {metrics.WorstP95.Ms:F1} ms");
                requestsBefore = requests;
            }

            await Task.Delay(100, CancellationToken.None);
        }

        metrics.Elapsed = clock.Elapsed;
        return metrics;
    }

    private Task StartUser(int user, List<Account> accounts, CancellationToken stop)
    {
        var client = clients[user % clients.Count];
        return KindOf(user) switch
        {
            Kind.Watcher => Watcher(client.BaseAddress!, stop),
            Kind.Player => Player(client, accounts[nextAccount++], stop),
            Kind.Financial => Financial(client, accounts[nextAccount++], stop),
            _ => Browser(client, accounts[nextAccount++], stop),
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
                await Call(client, "POST /api/games/{game}/bet", Request(HttpMethod.Post, "/api/games/wingo/bet", account, bet), stop);
            }

            await Call(client, "GET /api/users/profile", Request(HttpMethod.Get, "/api/users/profile", account), stop);
            await Call(client, "GET /api/wallet/balance", Request(HttpMethod.Get, "/api/wallet/balance", account), stop);
            await Think(stop);
        }
    }

    private async Task Financial(HttpClient client, Account account, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var order = await Call(client, "POST /api/wallet/deposit", Request(HttpMethod.Post, "/api/wallet/deposit", account, new { amount = 100, gateway = options.HostedGateway?.Name ?? "test" }), stop);
            if (options.HostedGateway is { } gateway && order is { } created)
            {
                await Call(client, "POST /api/payments/{gateway}/callback", gateway.PaidCallback(created.GetProperty("data").GetProperty("order_id").GetString()!, 100), stop);
            }

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

    private async Task Watcher(Uri url, CancellationToken stop)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(url, "/hubs/game"), o => { o.Transports = HttpTransportType.WebSockets; o.SkipNegotiation = true; })
            .Build();
        connection.On<JsonElement>("gameResult", payload =>
            Volatile.Read(ref current)?.RecordDelivery(DateTimeOffset.UtcNow - payload.GetProperty("drawn_at").GetDateTimeOffset()));
        connection.Closed += error =>
        {
            if (!stop.IsCancellationRequested)
            {
                Volatile.Read(ref current)?.RecordError($"signalr closed: {error?.GetType().Name}");
            }

            return Task.CompletedTask;
        };
        try
        {
            await connection.StartAsync(stop);
            await connection.InvokeAsync<string>("JoinGame", "wingo", 30, stop);
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

    private async Task<JsonElement?> Call(HttpClient client, string endpoint, HttpRequestMessage request, CancellationToken stop)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await client.SendAsync(request, stop);
            var body = await response.Content.ReadAsStringAsync(stop);
            Record(endpoint, Stopwatch.GetElapsedTime(started), (int)response.StatusCode);
            return response.IsSuccessStatusCode && body.Length > 0 ? JsonDocument.Parse(body).RootElement.Clone() : null;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            Record(endpoint, Stopwatch.GetElapsedTime(started), 0);
            return null;
        }
        finally
        {
            request.Dispose();
        }
    }

    private void Record(string endpoint, TimeSpan latency, int status)
    {
        if (Volatile.Read(ref current) is { } metrics)
        {
            metrics.Record(endpoint, latency, status);
            timeline.Record(latency);
        }
    }

    private Task Think(CancellationToken stop) =>
        Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next((int)preset.ThinkMin.TotalMilliseconds, (int)preset.ThinkMax.TotalMilliseconds)), stop)
            .ContinueWith(_ => { }, TaskScheduler.Default);

    private static HttpRequestMessage Request(HttpMethod method, string path, Account account, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", account.Token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Json);
        }

        return request;
    }

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
