using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace GameServer.LoadTest;

/// <summary>
/// A login storm of the kind the old system's team planned with: virtual users arrive at a rising
/// rate (10, 50, 100, then 200 a second by default), each logs in first and then bets or deposits,
/// while players already signed in keep reading and betting. Open model: arrivals do not wait for
/// earlier ones. Passes when no login times out, every login is answered within a second (200, or 503
/// with Retry-After) and the other endpoints keep p95 under 100 ms during the storm.
/// </summary>
public sealed class LoginStorm(Options options)
{
    private const string Password = "storm-test-password";
    private static readonly TimeSpan LoginAnswerLimit = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(10);
    private const double OtherP95LimitMs = 100;
    private const int SteadyPlayers = 100;

    private readonly List<HttpClient> clients = options.Urls.Select(url => new HttpClient(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = 2048,
        PooledConnectionLifetime = TimeSpan.FromMinutes(10),
    })
    { BaseAddress = url, Timeout = ClientTimeout }).ToList();

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private StepFigures? current;

    public static async Task<int> RunAsync(Options options) => await new LoginStorm(options).RunAsync();

    private async Task<int> RunAsync()
    {
        var steps = options.StormRates;
        var accounts = Math.Max(options.Users ?? 2_000, SteadyPlayers + 1);
        Console.WriteLine($"login storm: arrivals {string.Join(" → ", steps)} per second, {options.StormStepSeconds} s each; {accounts} accounts");
        var setup = Stopwatch.StartNew();
        var phones = await Register(accounts);
        Console.WriteLine($"setup: {phones.Count} accounts registered in {setup.Elapsed.TotalSeconds:F0} s");

        using var stop = new CancellationTokenSource();
        var steady = new List<Task>();
        for (var i = 0; i < SteadyPlayers; i++)
        {
            var token = await LoginForSetup(clients[i % clients.Count], phones[i]);
            steady.Add(SteadyPlayer(clients[i % clients.Count], token, stop.Token));
        }

        var figures = new List<StepFigures>();
        var stormed = 0L;
        var arrivals = new ConcurrentBag<Task>();
        foreach (var rate in steps)
        {
            var step = new StepFigures(rate);
            figures.Add(step);
            Volatile.Write(ref current, step);
            var clock = Stopwatch.StartNew();
            var started = 0L;
            while (clock.Elapsed.TotalSeconds < options.StormStepSeconds)
            {
                var due = (long)(clock.Elapsed.TotalSeconds * rate);
                for (; started < due; started++)
                {
                    var n = Interlocked.Increment(ref stormed);
                    var phone = phones[SteadyPlayers + (int)(n % (phones.Count - SteadyPlayers))];
                    arrivals.Add(Arrive(clients[(int)(n % clients.Count)], phone, step));
                }

                await Task.Delay(10);
            }

            Console.WriteLine(step.Line());
        }

        await Task.WhenAll(arrivals);
        Volatile.Write(ref current, null);
        await stop.CancelAsync();
        await Task.WhenAll(steady.Select(task => task.ContinueWith(_ => { }, TaskScheduler.Default)));

        var passed = figures.All(step => step.Passed);
        await Write(figures, passed);
        Console.WriteLine(passed
            ? "PASS: no login timed out, every login answered within 1 s, other endpoints' p95 < 100 ms"
            : "FAIL: see the steps above");
        return passed ? 0 : 1;
    }

    /// <summary>One arriving player: logs in, then stakes a small bet or deposits, as the storm's users did.</summary>
    private async Task Arrive(HttpClient client, string phone, StepFigures step)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var login = await client.PostAsJsonAsync("/api/users/login", new { phone_no = phone, password = Password });
            var elapsed = Stopwatch.GetElapsedTime(started);
            step.RecordLogin(login.StatusCode, login.Headers.RetryAfter?.Delta, elapsed);
            if (login.StatusCode != HttpStatusCode.OK)
            {
                return;
            }

            var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("token").GetString()!;
            if (Random.Shared.Next(2) == 0)
            {
                await Bet(client, token, step);
            }
            else
            {
                var order = await Timed(client, step, "POST /api/wallet/deposit", PlayerRequests.Authorized(HttpMethod.Post, "/api/wallet/deposit", token, new { amount = 100, gateway = options.HostedGateway?.Name ?? "test" }));
                if (options.HostedGateway is { } gateway && order is { } created)
                {
                    await Timed(client, step, "POST /api/payments/{gateway}/callback", gateway.PaidCallback(created.GetProperty("data").GetProperty("order_id").GetString()!, 100));
                }
            }
        }
        catch (TaskCanceledException)
        {
            step.RecordLoginTimeout();
        }
        catch (HttpRequestException)
        {
            step.RecordLogin(0, null, Stopwatch.GetElapsedTime(started));
        }
    }

    private async Task SteadyPlayer(HttpClient client, string token, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            if (Volatile.Read(ref current) is { } step)
            {
                await Timed(client, step, "GET /api/users/profile", PlayerRequests.Authorized(HttpMethod.Get, "/api/users/profile", token));
                await Bet(client, token, step);
            }

            await Task.Delay(Random.Shared.Next(500, 1500), stop).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private static async Task Bet(HttpClient client, string token, StepFigures step)
    {
        var period = await Timed(client, step, "GET /api/games/{game}/periods", PlayerRequests.Authorized(HttpMethod.Get, "/api/games/wingo/periods?duration=30", token));
        if (period is { } p && p.GetProperty("data").GetProperty("betting_closes_at").GetDateTimeOffset() - DateTimeOffset.UtcNow > TimeSpan.FromSeconds(2))
        {
            await Timed(client, step, "POST /api/games/{game}/bet", PlayerRequests.Authorized(HttpMethod.Post, "/api/games/wingo/bet", token,
                new { amount = 1, type = "size", value = Random.Shared.Next(2) == 0 ? "big" : "small", duration = 30 }));
        }
    }

    private static async Task<JsonElement?> Timed(HttpClient client, StepFigures step, string endpoint, HttpRequestMessage request)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            step.RecordOther(endpoint, (int)response.StatusCode, Stopwatch.GetElapsedTime(started));
            return response.IsSuccessStatusCode && body.Length > 0 ? JsonDocument.Parse(body).RootElement.Clone() : null;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            step.RecordOther(endpoint, 0, Stopwatch.GetElapsedTime(started));
            return null;
        }
        finally
        {
            request.Dispose();
        }
    }

    private async Task<List<string>> Register(int count)
    {
        var prefix = 7_000_000_000 + (Random.Shared.NextInt64(0, 9_000) * 100_000);
        var phones = new ConcurrentBag<(int Index, string Phone)>();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, cancel) =>
        {
            var client = clients[i % clients.Count];
            var phone = (prefix + i).ToString(CultureInfo.InvariantCulture);
            (await Setup.PostAsync(client, "/api/users/register", new { phone_no = phone, password = Password }, cancel)).EnsureSuccessStatusCode();
            {
                // Every account bets or deposits once it has logged in: each is funded first.
                var token = await LoginForSetup(client, phone);
                if (options.HostedGateway is { } gateway)
                {
                    await gateway.DepositAsync(client, token, 1_000, cancel);
                }
                else
                {
                    (await client.SendAsync(PlayerRequests.Authorized(HttpMethod.Post, "/api/wallet/deposit", token, new { amount = 1_000, gateway = "test" }), cancel)).EnsureSuccessStatusCode();
                }
            }

            phones.Add((i, phone));
        });
        return phones.OrderBy(p => p.Index).Select(p => p.Phone).ToList();
    }

    private static async Task<string> LoginForSetup(HttpClient client, string phone)
    {
        using var login = await Setup.PostAsync(client, "/api/users/login", new { phone_no = phone, password = Password }, CancellationToken.None);
        login.EnsureSuccessStatusCode();
        return (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("token").GetString()!;
    }

    private async Task Write(List<StepFigures> figures, bool passed)
    {
        var folder = options.Out ?? Path.Combine("results", $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-storm");
        Directory.CreateDirectory(folder);
        var markdown = new StringBuilder();
        markdown.AppendLine(CultureInfo.InvariantCulture, $"# Login storm, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC — {(passed ? "PASS" : "FAIL")}");
        markdown.AppendLine();
        markdown.AppendLine("| arrivals/s | logins | 200 | 503 (Retry-After) | other | timeouts | login p50 / p95 / max ms | worst other p95 ms | other errors |");
        markdown.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var step in figures)
        {
            markdown.AppendLine(step.Row());
        }

        await File.WriteAllTextAsync(Path.Combine(folder, "storm.md"), markdown.ToString());
        await File.WriteAllTextAsync(Path.Combine(folder, "storm.json"), JsonSerializer.Serialize(figures.Select(step => step.Summary()), Indented));
        Console.WriteLine($"report: {folder}");
    }

    private sealed class StepFigures(int rate)
    {
        private readonly HdrHistogram.LongConcurrentHistogram logins = LoadMetrics.NewHistogram();
        private readonly ConcurrentDictionary<string, HdrHistogram.LongConcurrentHistogram> others = new();
        private long ok;
        private long busy;
        private long busyWithoutRetryAfter;
        private long other;
        private long timeouts;
        private long slow;
        private long otherErrors;
        private readonly ConcurrentDictionary<string, int> otherErrorKinds = new();

        public bool Passed => Interlocked.Read(ref timeouts) == 0 && Interlocked.Read(ref slow) == 0 && Interlocked.Read(ref busyWithoutRetryAfter) == 0
            && Interlocked.Read(ref other) == 0 && Interlocked.Read(ref otherErrors) == 0 && WorstOther.Ms < OtherP95LimitMs;

        private (string Endpoint, double Ms) WorstOther => others.Select(o => (o.Key, o.Value.ValueAt(95) / 1000.0)).DefaultIfEmpty(("none", 0)).MaxBy(o => o.Item2);

        public void RecordLogin(HttpStatusCode status, TimeSpan? retryAfter, TimeSpan elapsed)
        {
            logins.RecordValue(LoadMetrics.Micros(elapsed));
            if (elapsed > LoginAnswerLimit)
            {
                Interlocked.Increment(ref slow);
            }

            switch (status)
            {
                case HttpStatusCode.OK: Interlocked.Increment(ref ok); break;
                case HttpStatusCode.ServiceUnavailable:
                    Interlocked.Increment(ref busy);
                    if (retryAfter is not { } wait || wait <= TimeSpan.Zero)
                    {
                        Interlocked.Increment(ref busyWithoutRetryAfter);
                    }

                    break;
                default: Interlocked.Increment(ref other); break;
            }
        }

        public void RecordLoginTimeout() => Interlocked.Increment(ref timeouts);

        public void RecordOther(string endpoint, int status, TimeSpan elapsed)
        {
            others.GetOrAdd(endpoint, _ => LoadMetrics.NewHistogram()).RecordValue(LoadMetrics.Micros(elapsed));
            if (status is < 200 or >= 300)
            {
                Interlocked.Increment(ref otherErrors);
                otherErrorKinds.AddOrUpdate($"{endpoint} {status}", 1, (_, n) => n + 1);
            }
        }

        public string Line() =>
            $"[{rate,3}/s] logins {logins.TotalCount}: 200 {ok}, 503 {busy}, other {other}, timeouts {timeouts}, over 1 s {slow}; " +
            $"login p95 {logins.ValueAt(95) / 1000.0:F0} ms, max {logins.ValueAt(100) / 1000.0:F0} ms; worst other p95 {WorstOther.Ms:F1} ms ({WorstOther.Endpoint}), errors {otherErrors}" +
            (otherErrorKinds.IsEmpty ? "" : $" ({string.Join(", ", otherErrorKinds.Select(kind => $"{kind.Key}: {kind.Value}"))})");

        public string Row() => string.Create(CultureInfo.InvariantCulture,
            $"| {rate} | {logins.TotalCount} | {ok} | {busy} | {other} | {timeouts} | {logins.ValueAt(50) / 1000.0:F0} / {logins.ValueAt(95) / 1000.0:F0} / {logins.ValueAt(100) / 1000.0:F0} | {WorstOther.Ms:F1} ({WorstOther.Endpoint}) | {otherErrors} |");

        public object Summary() => new
        {
            arrivals_per_second = rate,
            logins = logins.TotalCount,
            ok,
            refused_503 = busy,
            other,
            timeouts,
            over_one_second = slow,
            login_p50_ms = logins.ValueAt(50) / 1000.0,
            login_p95_ms = logins.ValueAt(95) / 1000.0,
            login_max_ms = logins.ValueAt(100) / 1000.0,
            others = others.ToDictionary(o => o.Key, o => new { p95_ms = o.Value.ValueAt(95) / 1000.0, p99_ms = o.Value.ValueAt(99) / 1000.0, count = o.Value.TotalCount }),
            other_errors = otherErrors,
            other_error_kinds = otherErrorKinds.ToDictionary(kind => kind.Key, kind => kind.Value),
            passed = Passed,
        };
    }
}
