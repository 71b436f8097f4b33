using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace WxPayScore.Tests.Infrastructure;

/// <summary>Captures every log line (message, exception text and scope values) at every level.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> lines = new();

    public IReadOnlyList<string> Lines => lines.ToArray();

    public string AllText => string.Join("\n", lines);

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, lines);

    public void Dispose()
    {
    }

    private static string? Render(object? value) => value switch
    {
        string text => text,
        System.Collections.IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(Render)) + "]",
        _ => value?.ToString(),
    };

    private sealed class CapturingLogger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            lines.Enqueue($"[scope] {category}: {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            // Structured values too, as a JSON or OpenTelemetry exporter would write them (arrays expanded).
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? string.Join(", ", pairs.Select(p => $"{p.Key}={Render(p.Value)}"))
                : string.Empty;
            lines.Enqueue($"[{logLevel}] {category}: {formatter(state, exception)} {{{values}}} {exception}");
        }
    }
}
