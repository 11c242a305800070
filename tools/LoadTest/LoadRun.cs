using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace GameServer.LoadTest;

/// <summary>
/// The old system's scenario mix: 40 % players, 30 % watchers, 20 % financial, 10 % browsing. Users
/// are created and funded before the measured window; the run ends with the conservation audit.
/// </summary>
public sealed class LoadRun(Options options, LoadPreset preset)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private readonly LoadMetrics metrics = new();
    private readonly List<HttpClient> clients = options.Urls.Select(url => new HttpClient(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = 1024,
        PooledConnectionLifetime = TimeSpan.FromMinutes(10),
    })
    { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) }).ToList();
    private int connectedWatchers;

    public async Task<int> RunAsync()
    {
        var users = preset.Users;
        var counts = (Players: users * 40 / 100, Watchers: users * 30 / 100, Financial: users * 20 / 100);
        var browsers = users - counts.Players - counts.Watchers - counts.Financial;
        Console.WriteLine($"preset {preset.Name}: {users} users ({counts.Players} players, {counts.Watchers} watchers, {counts.Financial} financial, {browsers} browsing), warm-up {preset.WarmUp.TotalSeconds} s, measured {preset.Measured.TotalSeconds} s");

        var setup = Stopwatch.StartNew();
        var accounts = await CreateAccounts(counts.Players + counts.Financial + browsers);
        Console.WriteLine($"setup: {accounts.Count} players registered, logged in and funded in {setup.Elapsed.TotalSeconds:F0} s");

        using var stop = new CancellationTokenSource();
        var tasks = new List<Task>();
        var index = 0;
        var all = Enumerable.Range(0, counts.Players).Select(_ => (Kind: "player", Account: accounts[index++]))
            .Concat(Enumerable.Range(0, counts.Financial).Select(_ => (Kind: "financial", Account: accounts[index++])))
            .Concat(Enumerable.Range(0, browsers).Select(_ => (Kind: "browsing", Account: accounts[index++])))
            .Concat(Enumerable.Range(0, counts.Watchers).Select(_ => (Kind: "watcher", Account: default(Account)!)))
            .ToList();
        var rampDelay = preset.WarmUp / Math.Max(1, all.Count);
        foreach (var (kind, account) in all)
        {
            var client = clients[tasks.Count % clients.Count];
            tasks.Add(kind switch
            {
                "player" => Player(client, account, stop.Token),
                "financial" => Financial(client, account, stop.Token),
                "browsing" => Browser(client, account, stop.Token),
                _ => Watcher(client.BaseAddress!, stop.Token),
            });
            await Task.Delay(rampDelay);
        }

        metrics.StartMeasuring();
        var measured = Stopwatch.StartNew();
        while (measured.Elapsed < preset.Measured)
        {
            await Task.Delay(TimeSpan.FromSeconds(5));
            var requests = metrics.Endpoints.Values.Sum(e => e.Histogram.TotalCount);
            var p95 = metrics.Endpoints.Values.Select(e => e.Histogram.GetValueAtPercentile(95) / 1000.0).DefaultIfEmpty().Max();
            Console.WriteLine($"[{measured.Elapsed.TotalSeconds,4:F0} s] users {all.Count}, sockets {connectedWatchers}, requests {requests} ({requests / Math.Max(1, measured.Elapsed.TotalSeconds):F0}/s), errors {metrics.Errors.Values.Sum()}, worst endpoint p95 {p95:F1} ms");
        }

        var window = measured.Elapsed;
        await stop.CancelAsync();
        await Task.WhenAll(tasks.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));

        var audit = await Audit();
        var snapshot = await MetricsSnapshot();
        var report = new LoadReport(preset, options, metrics, window, connectedWatchersPeak, audit, snapshot);
        var folder = await report.WriteAsync(options.Out ?? Path.Combine("results", $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{preset.Name}"));
        Console.WriteLine($"report: {folder}");
        Console.WriteLine(report.Summary);
        return report.Passed ? 0 : 1;
    }

    private int connectedWatchersPeak;

    private sealed record Account(string Phone, string Token, long UserId);

    private async Task<List<Account>> CreateAccounts(int count)
    {
        var accounts = new ConcurrentBag<Account>();
        var prefix = 6_000_000_000 + (Random.Shared.NextInt64(0, 9_000) * 100_000);
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, token) =>
        {
            var client = clients[i % clients.Count];
            var phone = (prefix + i).ToString(System.Globalization.CultureInfo.InvariantCulture);
            const string Password = "load-test-password";
            (await client.PostAsJsonAsync("/api/users/register", new { phone_no = phone, password = Password }, token)).EnsureSuccessStatusCode();
            var login = await (await client.PostAsJsonAsync("/api/users/login", new { phone_no = phone, password = Password }, token)).Content.ReadFromJsonAsync<JsonElement>(token);
            var data = login.GetProperty("data");
            var account = new Account(phone, data.GetProperty("token").GetString()!, data.GetProperty("user").GetProperty("user_id").GetInt64());
            using var deposit = Request(HttpMethod.Post, "/api/wallet/deposit", account, new { amount = 5000, gateway = "test" });
            (await client.SendAsync(deposit, token)).EnsureSuccessStatusCode();
            accounts.Add(account);
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
            await Call(client, "POST /api/wallet/deposit", Request(HttpMethod.Post, "/api/wallet/deposit", account, new { amount = 100, gateway = "test" }), stop);
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
            metrics.RecordDelivery(DateTimeOffset.UtcNow - payload.GetProperty("drawn_at").GetDateTimeOffset()));
        connection.Closed += error =>
        {
            if (!stop.IsCancellationRequested)
            {
                metrics.RecordError($"signalr closed: {error?.GetType().Name}");
            }

            return Task.CompletedTask;
        };
        try
        {
            await connection.StartAsync(stop);
            await connection.InvokeAsync<string>("JoinGame", "wingo", 30, stop);
            var now = Interlocked.Increment(ref connectedWatchers);
            InterlockedMax(ref connectedWatchersPeak, now);
            await Task.Delay(Timeout.Infinite, stop);
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            metrics.RecordError($"signalr {exception.GetType().Name}");
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
            metrics.Record(endpoint, Stopwatch.GetElapsedTime(started), (int)response.StatusCode);
            return response.IsSuccessStatusCode && body.Length > 0 ? JsonDocument.Parse(body).RootElement.Clone() : null;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            metrics.Record(endpoint, Stopwatch.GetElapsedTime(started), 0);
            return null;
        }
        finally
        {
            request.Dispose();
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

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}

public sealed record LoadPreset(string Name, int Users, TimeSpan WarmUp, TimeSpan Measured, TimeSpan ThinkMin, TimeSpan ThinkMax, double P95LimitMs)
{
    public static LoadPreset For(string name, int? users) => name switch
    {
        "smoke" => new("smoke", users ?? 300, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(45), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), 100),
        "capacity" => new("capacity", users ?? 20_000, TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(180), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15), 100),
        _ => throw new ArgumentException($"Unknown preset '{name}': smoke or capacity."),
    };
}
