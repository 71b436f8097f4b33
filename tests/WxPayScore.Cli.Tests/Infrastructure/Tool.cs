using WxPayScore.Cli.Infrastructure;

namespace WxPayScore.Cli.Tests.Infrastructure;

/// <summary>Runs <c>wxpayscore</c> in process, as the tool's Main does, with its own working folder, input and environment.</summary>
public static class Tool
{
    /// <summary>Runs with <paramref name="input"/> as what the user types (answers to prompts).</summary>
    public static async Task<CliResult> RunWithInputAsync(string workingDirectory, string input, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var reader = new StringReader(input);
        var console = new CliConsole(output, error, reader, workingDirectory, new Dictionary<string, string>());
        var code = await CliApplication.RunAsync(args, console);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    public static Task<CliResult> RunAsync(string workingDirectory, params string[] args) => RunWithInputAsync(workingDirectory, string.Empty, args);
}
