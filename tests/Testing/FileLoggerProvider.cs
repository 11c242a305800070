using Microsoft.Extensions.Logging;

namespace GameServer.Testing;

/// <summary>
/// Writes warnings and errors of in-process silos and frontends to a file when the environment
/// variable GAMESERVER_TEST_LOG names one, so a failing test's server side can be read afterwards.
/// </summary>
public sealed class FileLoggerProvider(string path) : ILoggerProvider
{
    private static readonly Lock Gate = new();

    public static void AddIfRequested(ILoggingBuilder logging, string source)
    {
        if (Environment.GetEnvironmentVariable("GAMESERVER_TEST_LOG") is { Length: > 0 } path)
        {
            logging.AddProvider(new FileLoggerProvider(path) { Source = source });
        }
    }

    public string Source { get; init; } = "";

    public ILogger CreateLogger(string categoryName) => new FileLogger(path, $"{Source} {categoryName}");

    public void Dispose()
    {
    }

    private sealed class FileLogger(string path, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            lock (Gate)
            {
                File.AppendAllText(path, $"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {category}: {formatter(state, exception)} {exception}{Environment.NewLine}");
            }
        }
    }
}
