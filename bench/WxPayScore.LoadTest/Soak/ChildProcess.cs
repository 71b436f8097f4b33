using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace WxPayScore.LoadTest.Soak;

/// <summary>A <c>dotnet some.dll …</c> child process with its output appended to a log file; killed with SIGKILL.</summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process process;

    private ChildProcess(Process process) => this.process = process;

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    /// <summary>Starts <c>dotnet dll args</c> in <paramref name="workingDirectory"/>, stdout and stderr appended to <paramref name="log"/>.</summary>
    public static ChildProcess Start(string dll, IEnumerable<string> args, string workingDirectory, string log, IDictionary<string, string>? environment = null)
    {
        // exec: the shell becomes dotnet, so the pid killed is the server's own.
        var command = "exec dotnet " + Quote(dll) + " " + string.Join(' ', args.Select(Quote)) + " >>" + Quote(log) + " 2>&1";
        var info = new ProcessStartInfo("/bin/sh") { WorkingDirectory = workingDirectory, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(command);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        return new ChildProcess(Process.Start(info) ?? throw new InvalidOperationException("could not start " + dll));
    }

    /// <summary>kill -9.</summary>
    public void Kill()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: false);
        }

        process.WaitForExit(5000);
    }

    public void Dispose()
    {
        Kill();
        process.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Polls <paramref name="url"/> until it answers 2xx, or fails after <paramref name="timeout"/> or when the process exits.</summary>
    public async Task WaitUntilAnswersAsync(HttpClient http, Uri url, TimeSpan timeout, string log)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{url.Authority} exited during start-up (exit {process.ExitCode}); see {log}");
            }

            try
            {
                using var answer = await http.GetAsync(url);
                if (answer.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // not listening yet, or too busy to answer within the probe's timeout
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{url} did not answer within {timeout.TotalSeconds:0} s; see {log}");
    }

    private static string Quote(string s) => "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
