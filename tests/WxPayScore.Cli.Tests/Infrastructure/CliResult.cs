using System.Text.Json.Nodes;

namespace WxPayScore.Cli.Tests.Infrastructure;

/// <summary>What one run of <c>wxpayscore</c> printed and returned.</summary>
public sealed record CliResult(int ExitCode, string Output, string Error)
{
    /// <summary>Standard output parsed as the one JSON document <c>--json</c> promises.</summary>
    public JsonNode Json => JsonNode.Parse(Output) ?? throw new InvalidOperationException("null JSON");

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}
