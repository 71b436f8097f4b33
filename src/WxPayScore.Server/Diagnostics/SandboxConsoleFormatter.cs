using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace WxPayScore.Server.Diagnostics;

/// <summary>One line per entry, <c>sandbox warn: Category: message</c>, so the embedded sandbox's lines stand apart from the server's.</summary>
public sealed class SandboxConsoleFormatter() : ConsoleFormatter(FormatterName)
{
    /// <summary>The formatter's name, as <c>AddConsole(o => o.FormatterName = …)</c> selects it.</summary>
    public const string FormatterName = "sandbox";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        ArgumentNullException.ThrowIfNull(textWriter);
        var message = logEntry.Formatter?.Invoke(logEntry.State, logEntry.Exception);
        if (message is null && logEntry.Exception is null)
        {
            return;
        }

        var level = logEntry.LogLevel switch
        {
            LogLevel.Trace => "trce",
            LogLevel.Debug => "dbug",
            LogLevel.Information => "info",
            LogLevel.Warning => "warn",
            LogLevel.Error => "fail",
            LogLevel.Critical => "crit",
            _ => "none",
        };
        textWriter.Write("sandbox ");
        textWriter.Write(level);
        textWriter.Write(": ");
        textWriter.Write(logEntry.Category);
        textWriter.Write(": ");
        textWriter.WriteLine(message?.ReplaceLineEndings(" "));
        if (logEntry.Exception is not null)
        {
            textWriter.WriteLine(logEntry.Exception.ToString());
        }
    }
}
