using System.Diagnostics;
using System.Text;

namespace WxPayScore.Publish.Tests.Infrastructure;

/// <summary>The dotnet CLI run as a child process (no build servers left behind), and the repository's paths.</summary>
public static class Dotnet
{
    public static string RepositoryRoot => WxPayScore.Tests.Shared.RepositoryRoot.Path;

    public static string ServerProject => Path.Combine(RepositoryRoot, "src", "WxPayScore.Server", "WxPayScore.Server.csproj");

    /// <summary>The dotnet host running these tests (the CLI sets DOTNET_HOST_PATH for its children), else dotnet on PATH.</summary>
    public static string Host => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    public static async Task PublishAsync(string outputFolder, params string[] extra)
    {
        string[] args = ["publish", ServerProject, "-c", "Release", "-o", outputFolder, "-nologo", "-v", "quiet", "--disable-build-servers", .. extra];
        var start = new ProcessStartInfo(Host) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryRoot };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The test host's own MSBuild settings must not leak into the child build.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var reading = Task.WhenAll(
            Task.Run(async () => output.Append(await process.StandardOutput.ReadToEndAsync())),
            Task.Run(async () => output.Append(await process.StandardError.ReadToEndAsync())));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        await process.WaitForExitAsync(timeout.Token);
        await reading;
        Assert.True(process.ExitCode == 0, $"dotnet {string.Join(' ', args)} exited with {process.ExitCode}:\n{output}");
    }
}
