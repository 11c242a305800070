using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace GameServer.LoadTest;

/// <summary>
/// Which of a run's users this generator process plays: user <c>u</c> belongs to process
/// <c>u mod Count</c>. Process 0 is the one started from the command line: it creates the accounts,
/// starts the others (<c>--processes P</c>), measures the servers, merges every process's figures
/// and writes the report; a process holds at most 20,000 open files here, so a run of more connected
/// players than that needs several.
/// </summary>
public sealed record GeneratorShare(int Index, int Count)
{
    public static GeneratorShare Of(Options options) => new(options.Worker ?? 0, Math.Max(1, options.Processes));

    public bool IsFirst => Index == 0;

    public bool Plays(int user) => user % Count == Index;
}

/// <summary>A created account as the processes of a run share it: phone, access token, user id.</summary>
public sealed record SharedAccount(string Phone, string Token, long UserId);

/// <summary>One phase's figures as a worker process hands them to the first: every histogram as (value, count) pairs.</summary>
public sealed record PhaseFigures(
    string Phase,
    Dictionary<string, long[][]> Endpoints,
    Dictionary<string, long> EndpointErrors,
    long[][] Delivery,
    Dictionary<string, int> Errors,
    int SocketsPeak);

public static class GeneratorProcesses
{
    private const string FiguresFile = "figures.json";

    /// <summary>Starts processes 1 … P−1 of the run with this process's own command line, each told its share, the accounts and where to write.</summary>
    public static List<Process> StartWorkers(Options options, string accountsFile, string folder)
    {
        var own = Environment.GetCommandLineArgs().Skip(1).ToList();
        return Enumerable.Range(1, options.Processes - 1).Select(index =>
        {
            var info = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false, RedirectStandardOutput = true };
            info.ArgumentList.Add(typeof(GeneratorProcesses).Assembly.Location);
            foreach (var arg in own.SkipWhile(arg => arg.EndsWith(".dll", StringComparison.Ordinal)))
            {
                info.ArgumentList.Add(arg);
            }

            // Options take the last value given: these override the first process's own.
            foreach (var arg in new[] { "--worker", index.ToString(CultureInfo.InvariantCulture), "--accounts", accountsFile, "--out", Path.Combine(folder, $"worker-{index}") })
            {
                info.ArgumentList.Add(arg);
            }

            var process = Process.Start(info)!;
            // Its progress lines go to its own log, not into the first process's.
            _ = Task.Run(async () =>
            {
                Directory.CreateDirectory(Path.Combine(folder, $"worker-{index}"));
                await using var log = File.CreateText(Path.Combine(folder, $"worker-{index}", "progress.log"));
                while (await process.StandardOutput.ReadLineAsync() is { } line)
                {
                    await log.WriteLineAsync(line);
                }
            });
            return process;
        }).ToList();
    }

    public static Task WriteAccountsAsync(string file, IEnumerable<SharedAccount> accounts) =>
        File.WriteAllTextAsync(file, JsonSerializer.Serialize(accounts.ToList()));

    public static async Task<List<SharedAccount>> ReadAccountsAsync(string file) =>
        JsonSerializer.Deserialize<List<SharedAccount>>(await File.ReadAllTextAsync(file)) ?? [];

    /// <summary>A worker's figures of every phase, written when it ends.</summary>
    public static async Task WriteFiguresAsync(string folder, IEnumerable<LoadMetrics> phases)
    {
        Directory.CreateDirectory(folder);
        var figures = phases.Select(phase => new PhaseFigures(
            phase.Phase.Name,
            phase.Endpoints.ToDictionary(e => e.Key, e => Pairs(e.Value.Histogram)),
            phase.Endpoints.ToDictionary(e => e.Key, e => Interlocked.Read(ref e.Value.ErrorCount)),
            Pairs(phase.Delivery),
            new Dictionary<string, int>(phase.Errors),
            phase.SocketsPeak)).ToList();
        await File.WriteAllTextAsync(Path.Combine(folder, FiguresFile), JsonSerializer.Serialize(figures));
    }

    /// <summary>
    /// Waits for the workers (at most <paramref name="patience"/>) and adds their figures to the first
    /// process's phases of the same name; a worker that wrote none is an error of the run.
    /// </summary>
    public static async Task MergeAsync(List<Process> workers, string folder, IReadOnlyList<LoadMetrics> phases, TimeSpan patience)
    {
        using var timeout = new CancellationTokenSource(patience);
        for (var index = 1; index <= workers.Count; index++)
        {
            var worker = workers[index - 1];
            try
            {
                await worker.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                worker.Kill(entireProcessTree: true);
            }

            var file = Path.Combine(folder, $"worker-{index}", FiguresFile);
            var figures = File.Exists(file) ? JsonSerializer.Deserialize<List<PhaseFigures>>(await File.ReadAllTextAsync(file)) ?? [] : [];
            foreach (var phase in phases)
            {
                if (figures.FirstOrDefault(f => f.Phase == phase.Phase.Name) is { } theirs)
                {
                    phase.Add(theirs);
                }
                else
                {
                    phase.RecordError($"generator process {index} reported nothing");
                }
            }
        }
    }

    private static long[][] Pairs(HdrHistogram.HistogramBase histogram) =>
        histogram.TotalCount == 0 ? [] : histogram.RecordedValues().Select(v => new[] { v.ValueIteratedTo, v.CountAddedInThisIterationStep }).ToArray();
}
