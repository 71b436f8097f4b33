using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace WxPayScore.Tests.Shared;

/// <summary>
/// Collects log lines at or above a minimum level — message, structured values (as a JSON or OpenTelemetry exporter
/// would write them, arrays expanded), scopes and exceptions — so that tests can look for text, or make sure a secret
/// appears nowhere. Shared by the test projects (linked source, tests/Shared/Logging).
/// </summary>
/// <param name="minimum">The lowest level kept (default: every level).</param>
public sealed class LogCapture(LogLevel minimum = LogLevel.Trace) : ILoggerProvider
{
    private readonly ConcurrentQueue<string> lines = new();
    private readonly LogLevel minimum = minimum;

    public IReadOnlyList<string> Lines => lines.ToArray();

    public string Text => string.Join('\n', lines);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private static string? Render(object? value) => value switch
    {
        string text => text,
        System.Collections.IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(Render)) + "]",
        _ => value?.ToString(),
    };

    private sealed class Logger(LogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            owner.lines.Enqueue($"[scope] {category}: {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => logLevel >= owner.minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? string.Join(", ", pairs.Select(p => $"{p.Key}={Render(p.Value)}"))
                : string.Empty;
            owner.lines.Enqueue($"[{logLevel}] {category}: {formatter(state, exception)} {{{values}}} {exception}");
        }
    }
}
