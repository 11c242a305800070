using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace GameServer.Testing;

/// <summary>
/// A silo or frontend as its own <c>dotnet</c> process, as scripts/run.sh starts one, listening for HTTP on
/// 127.0.0.1, with every line it writes to stdout kept for a test to read (stderr apart). Killed when disposed.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process process;
    private readonly ConcurrentQueue<string> standardOutput = new();
    private readonly ConcurrentQueue<string> standardError = new();

    private ServerProcess(string assembly, IReadOnlyDictionary<string, string> environment)
    {
        HttpAddress = new Uri($"http://127.0.0.1:{TestPorts.Free().ToString(CultureInfo.InvariantCulture)}/");
        var info = new ProcessStartInfo("dotnet", [assembly, "--urls", HttpAddress.ToString().TrimEnd('/')])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(assembly),
        };
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { standardOutput.Enqueue(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { standardError.Enqueue(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Where the process serves HTTP, e.g. http://127.0.0.1:21234/.</summary>
    public Uri HttpAddress { get; }

    /// <summary>The lines written to stdout so far, in order.</summary>
    public IReadOnlyList<string> StandardOutput => [.. standardOutput];

    /// <summary>The lines written to stderr so far, in order.</summary>
    public IReadOnlyList<string> StandardError => [.. standardError];

    /// <summary>The built entry assembly of a project under src/, in the configuration of these tests (e.g. <c>Silo</c>, <c>GameServer.Silo.dll</c>).</summary>
    public static string BuiltAssembly(string project, string assemblyFile)
    {
        // Where the silo is built (bin/Release/net10.0 or bin/Debug/…) is where every project is.
        var root = ProcessCluster.RepositoryRoot();
        var output = Path.GetRelativePath(Path.Combine(root, "src", "Silo"), Path.GetDirectoryName(ProcessCluster.SiloAssembly())!);
        return Path.Combine(root, "src", project, output, assemblyFile);
    }

    /// <summary>Starts the process and waits until <c>/health/ready</c> answers 200.</summary>
    public static async Task<ServerProcess> StartAsync(string assembly, IReadOnlyDictionary<string, string> environment)
    {
        var server = new ServerProcess(assembly, environment);
        try
        {
            await server.WaitReadyAsync();
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    private async Task WaitReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = HttpAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{process.StartInfo.Arguments} exited with {process.ExitCode}:{Environment.NewLine}{string.Join(Environment.NewLine, StandardOutput.Concat(StandardError).TakeLast(30))}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"{process.StartInfo.Arguments} was not ready within {StartTimeout.TotalSeconds} s.");
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.WaitForExit();
        process.Dispose();
    }
}
