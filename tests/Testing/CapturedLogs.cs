using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace GameServer.Testing;

/// <summary>One log event a test host wrote.</summary>
public sealed record CapturedLog(LogLevel Level, string Category, string Message, Exception? Exception)
{
    /// <summary>
    /// The values of the line's message template and of the scopes open when it was written (the trace id
    /// of the current activity, the <see cref="LogIds"/>, ...), by name, as the JSON console format writes
    /// them; where names repeat, the line's own value wins over a scope's, an inner scope's over an outer one's.
    /// </summary>
    public IReadOnlyDictionary<string, object?> Properties { get; init; } = new Dictionary<string, object?>();

    /// <summary>A property as text (as JSON carries it), or null when the line has none of that name.</summary>
    public string? Property(string name) =>
        Properties.TryGetValue(name, out var value) ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) : null;
}

/// <summary>Keeps the warnings and errors of a test host, with their scopes, for tests that assert what a server logs.</summary>
public sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<CapturedLog> entries = new();
    private IExternalScopeProvider? scopes;

    public IReadOnlyCollection<CapturedLog> Entries => entries;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    public void Dispose()
    {
    }

    private Dictionary<string, object?> PropertiesOf<TState>(TState state)
    {
        var properties = new Dictionary<string, object?>();
        scopes?.ForEachScope((scope, into) => AddPairs(scope, into), properties);
        AddPairs(state, properties);
        return properties;
    }

    private static void AddPairs(object? values, Dictionary<string, object?> into)
    {
        if (values is IEnumerable<KeyValuePair<string, object?>> pairs)
        {
            foreach (var (key, value) in pairs)
            {
                into[key] = value;
            }
        }
    }

    private sealed class Logger(CapturedLogs sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => sink.scopes?.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                sink.entries.Enqueue(new CapturedLog(logLevel, category, formatter(state, exception), exception) { Properties = sink.PropertiesOf(state) });
            }
        }
    }
}
