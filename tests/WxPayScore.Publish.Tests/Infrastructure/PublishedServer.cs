using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace WxPayScore.Publish.Tests.Infrastructure;

/// <summary>
/// A published server started as a process on 127.0.0.1 (embedded mode: no credentials), from a working directory
/// that is not its folder, with its data in a temporary folder. Disposing kills it.
/// </summary>
public sealed class PublishedServer : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private PublishedServer(Process process, Uri baseUrl, string dataPath)
    {
        this.process = process;
        BaseUrl = baseUrl;
        DataPath = dataPath;
        Http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri BaseUrl { get; }

    public string DataPath { get; }

    public HttpClient Http { get; }

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>Starts <paramref name="fileName"/> with <paramref name="arguments"/> and waits until /health/live answers 200 (published output runs as Production, so the embedded mode is set explicitly).</summary>
    public static async Task<PublishedServer> StartAsync(string fileName, params string[] arguments)
    {
        var port = FreePort();
        var data = TempFolders.Create("data");
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = TempFolders.Create("cwd"),
        };
        foreach (var arg in arguments.Concat([$"--urls=http://127.0.0.1:{port}", $"--Server:DataPath={data}", "--Sandbox:Urls=http://127.0.0.1:0", "--Server:Mode=Embedded"]))
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("OTEL_", StringComparison.Ordinal) || k.StartsWith("ASPNETCORE_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        var process = Process.Start(start)!;
        var server = new PublishedServer(process, new Uri($"http://127.0.0.1:{port}/"), data);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitHealthyAsync();
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private async Task WaitHealthyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the published server exited with {process.ExitCode}:\n{Output}");
            }

            try
            {
                using var health = await Http.GetAsync("health/live");
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"the published server did not become healthy within 60 s:\n{Output}");
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
