namespace GameServer.LoadTest;

/// <summary>Command line of the load generator. Every target must be a loopback address.</summary>
public static class LoadTestCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            Console.WriteLine("""
                usage: GameServer.LoadTest run --preset smoke|capacity|players|rolling --url http://127.0.0.1:8080 [--url …] [--users N] [--admin-phone P --admin-password W]
                                                 [--gateway NAME --gateway-secret S] [--processes 1] [--out folder] [--start-file F --until-file G]
                       GameServer.LoadTest storm --url http://127.0.0.1:8080 [--url …] [--rates 10,50,100,200] [--step-seconds 30] [--users 2000]
                                                 [--gateway NAME --gateway-secret S] [--out folder]
                       GameServer.LoadTest fanout --url http://127.0.0.1:8080 [--url …] [--connections 1000] [--processes 1] [--game wingo] [--duration 30] [--results 3] [--out file.json]
                       GameServer.LoadTest journal --mysql "Server=127.0.0.1;Port=3307;…" [--entries 20000] [--writers 64] [--out file.json]
                       GameServer.LoadTest reports --mysql "Server=127.0.0.1;Port=3327;…" --from 2026-10-31 [--days 30] [--runs 5] [--out file.json]
                       GameServer.LoadTest team --connections 100000
                       GameServer.LoadTest settle --connections 100000
                       GameServer.LoadTest seed --url http://127.0.0.1:8080 --users 64 --out tokens.txt
                       GameServer.LoadTest plaintext --url http://127.0.0.1:18099
                       GameServer.LoadTest baseline --url http://127.0.0.1:18098 --mysql "…"
                  run:     the scenario mix (40 % players, 30 % watchers, 20 % financial, 10 % browsing), users
                           created and funded first, live progress, then a report (Markdown, JSON, SVG) and the audit.
                           Deposits go through Development's test gateway, or, given a secret (--gateway-secret or the
                           LOADTEST_GATEWAY_SECRET variable), through the configured gateway --gateway, whose signed
                           "paid" callbacks the generator sends itself. --processes P plays the users from P processes
                           (user u in process u mod P; a process holds at most 20,000 open files here); the first
                           creates the accounts, measures the servers and merges every process's figures into the report.
                           Every money operation acknowledged with a 2xx is looked for in its ledger at the end (none may be lost).
                           rolling: the smoke's mix around a disturbance — the generator writes --start-file when it begins and
                           holds until --until-file exists (scripts/loadtest.sh rolling restarts every silo and frontend meanwhile);
                           failed requests are retried (same Idempotency-Key, next frontend) and counted, hub connections reconnect.
                  storm:   virtual users arriving at each rate in turn, each logging in first and then betting or
                           depositing, while 100 signed-in players keep reading and betting; passes when no login
                           times out, every login is answered within 1 s (200, or 503 with Retry-After) and the
                           other endpoints keep p95 < 100 ms. --users is the number of accounts the arrivals share.
                  fanout:  opens N SignalR WebSocket connections joined to one game and measures how long each
                           result takes from the server's draw to each client (p50/p99/max), and how many arrive;
                           --processes spreads the watchers over child processes (each on one of the URLs).
                  journal: durable ledger appends per second on MariaDB, group-committed through the journal
                           versus one entry per transaction, with the same number of concurrent writers.
                  reports: the daily business report on a filled MariaDB journal (scripts/bench-reports.sh): its last day,
                           all --days from --from, and the commission job's net stakes of the last day, each --runs times.
                  team:    team-summary latency for a player whose team has N members (in-process silo).
                  settle:  time from draw to the last outcome of a round with N bets (in-process silo).
                  seed:    registers, logs in and funds N players; writes their tokens, one a line.
                  plaintext: a bare Kestrel "Hello, World!" endpoint, the ceiling bets are compared with.
                  baseline: the old system's bet path on MariaDB (pool of 20, SELECT … FOR UPDATE, UPDATE, INSERT).
                """);
            return 0;
        }

        var options = Options.Parse(args.Skip(1).ToArray());
        var mysqlHost = options.MySql is { } mysql ? new[] { new Uri($"mysql://{new MySqlConnector.MySqlConnectionStringBuilder(mysql).Server}") } : [];
        foreach (var url in options.Urls.Concat(options.MetricsUrls).Concat(mysqlHost))
        {
            if (!Loopback.IsLoopback(url))
            {
                Console.Error.WriteLine($"Refusing {url}: load is only ever sent to loopback addresses.");
                return 2;
            }
        }

        return args[0] switch
        {
            "fanout" => await FanoutBenchmark.RunAsync(options),
            "journal" => await JournalBenchmark.RunAsync(options),
            "reports" => await ReportsBenchmark.RunAsync(options),
            "team" => await TeamSummaryBenchmark.RunAsync(options),
            "settle" => await SettlementBenchmark.RunAsync(options),
            "seed" => await Seeding.RunAsync(options),
            "plaintext" => await PlaintextServer.RunAsync(options),
            "baseline" => await BaselineServer.RunAsync(options),
            "run" => await new LoadRun(options, LoadPreset.For(options.Preset, options.Users)).RunAsync(),
            "storm" => await LoginStorm.RunAsync(options),
            _ => Unknown(args[0]),
        };
    }

    private static int Unknown(string command)
    {
        Console.Error.WriteLine($"Unknown command '{command}'. Try --help.");
        return 2;
    }
}

public sealed record Options(IReadOnlyList<Uri> Urls, int Connections, string Game, int Duration, int Results, string? Out,
    string? MySql = null, int Entries = 20_000, int Writers = 64,
    string Preset = "smoke", int? Users = null, string AdminPhone = "9000000000", string AdminPassword = "dev-admin-password",
    IReadOnlyList<Uri>? ExtraMetricsUrls = null, int Processes = 1, string? SampleOut = null,
    string Gateway = "test", string? GatewaySecret = null, IReadOnlyList<int>? StormRateSteps = null, int StormStepSeconds = 30,
    int? Worker = null, string? AccountsFile = null, string? From = null, int Days = 30, int Runs = 5,
    string? StartFile = null, string? UntilFile = null)
{
    public IReadOnlyList<Uri> MetricsUrls => ExtraMetricsUrls ?? [];

    /// <summary>Where the generator finds its gateway's secret when not given on the command line (where every local user could read it).</summary>
    public const string GatewaySecretVariable = "LOADTEST_GATEWAY_SECRET";

    /// <summary>The storm's arrival rates per second, one step each, rising.</summary>
    public IReadOnlyList<int> StormRates => StormRateSteps ?? [10, 50, 100, 200];

    /// <summary>The hosted gateway the generator plays, when given a secret; otherwise Development's test gateway pays by itself.</summary>
    public LoadTestGateway? HostedGateway => GatewaySecret is { Length: > 0 } secret ? new LoadTestGateway(Gateway, secret) : null;

    public static Options Parse(string[] args)
    {
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!values.TryGetValue(args[i], out var list))
            {
                values[args[i]] = list = [];
            }

            list.Add(args[i + 1]);
        }

        string One(string name, string fallback) => values.TryGetValue(name, out var list) ? list[^1] : fallback;
        var urls = values.TryGetValue("--url", out var given) ? given.Select(u => new Uri(u)).ToList() : [new Uri("http://127.0.0.1:8080")];
        return new Options(
            urls,
            int.Parse(One("--connections", "1000"), System.Globalization.CultureInfo.InvariantCulture),
            One("--game", "wingo"),
            int.Parse(One("--duration", "30"), System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(One("--results", "3"), System.Globalization.CultureInfo.InvariantCulture),
            values.ContainsKey("--out") ? One("--out", "") : null,
            values.ContainsKey("--mysql") ? One("--mysql", "") : null,
            int.Parse(One("--entries", "20000"), System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(One("--writers", "64"), System.Globalization.CultureInfo.InvariantCulture),
            One("--preset", "smoke"),
            values.ContainsKey("--users") ? int.Parse(One("--users", "0"), System.Globalization.CultureInfo.InvariantCulture) : null,
            One("--admin-phone", "9000000000"),
            One("--admin-password", "dev-admin-password"),
            values.TryGetValue("--metrics", out var metrics) ? metrics.Select(u => new Uri(u)).ToList() : null,
            int.Parse(One("--processes", "1"), System.Globalization.CultureInfo.InvariantCulture),
            values.ContainsKey("--sample-out") ? One("--sample-out", "") : null,
            One("--gateway", "test"),
            values.ContainsKey("--gateway-secret") ? One("--gateway-secret", "") : Environment.GetEnvironmentVariable(GatewaySecretVariable),
            values.ContainsKey("--rates") ? One("--rates", "").Split(',').Select(rate => int.Parse(rate, System.Globalization.CultureInfo.InvariantCulture)).ToList() : null,
            int.Parse(One("--step-seconds", "30"), System.Globalization.CultureInfo.InvariantCulture),
            values.ContainsKey("--worker") ? int.Parse(One("--worker", "0"), System.Globalization.CultureInfo.InvariantCulture) : null,
            values.ContainsKey("--accounts") ? One("--accounts", "") : null,
            values.ContainsKey("--from") ? One("--from", "") : null,
            int.Parse(One("--days", "30"), System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(One("--runs", "5"), System.Globalization.CultureInfo.InvariantCulture),
            values.ContainsKey("--start-file") ? One("--start-file", "") : null,
            values.ContainsKey("--until-file") ? One("--until-file", "") : null);
    }
}

public static class Loopback
{
    public static bool IsLoopback(Uri url) =>
        url.IsLoopback || (System.Net.IPAddress.TryParse(url.Host, out var address) && System.Net.IPAddress.IsLoopback(address));
}
