namespace WxPayScore.Cli.Infrastructure;

/// <summary>
/// Where a run reads and writes: the process console, or (in tests) writers, a scripted input, a working folder and a set
/// of environment variables of its own.
/// </summary>
internal sealed class CliConsole
{
    public CliConsole(TextWriter output, TextWriter error, TextReader input, string workingDirectory,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        Output = output;
        Error = error;
        Input = input;
        WorkingDirectory = Path.GetFullPath(workingDirectory);
        Environment = environment;
    }

    public TextWriter Output { get; }

    public TextWriter Error { get; }

    public TextReader Input { get; }

    /// <summary>Where <c>appsettings*.json</c> are looked for and relative paths are resolved.</summary>
    public string WorkingDirectory { get; }

    /// <summary>Environment variables; null reads the process's own.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; }

    public static CliConsole FromSystem()
    {
        Console.OutputEncoding = System.Text.Encoding.UTF8;
        return new CliConsole(Console.Out, Console.Error, Console.In, Directory.GetCurrentDirectory());
    }

    public string? GetEnvironmentVariable(string name) =>
        Environment is null ? System.Environment.GetEnvironmentVariable(name) : Environment.GetValueOrDefault(name);

    /// <summary>A path as typed on the command line or in a setting, resolved against <see cref="WorkingDirectory"/>.</summary>
    public string ResolvePath(string path) => Path.GetFullPath(path, WorkingDirectory);
}
