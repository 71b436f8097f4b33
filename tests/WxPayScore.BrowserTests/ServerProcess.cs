using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace WxPayScore.BrowserTests;

/// <summary>
/// The merchant server started from its real build output, with no credentials (embedded sandbox + SQLite),
/// on free loopback ports and a throw-away data folder.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    public const string AdminApiKey = "browser-test-admin-key";

    private readonly Process process;
    private readonly StringBuilder output = new();

    private ServerProcess(Process process, Uri baseUrl, string dataPath)
    {
        this.process = process;
        BaseUrl = baseUrl;
        DataPath = dataPath;
    }

    public Uri BaseUrl { get; }

    public string DataPath { get; }

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

    public static async Task<ServerProcess> StartAsync()
    {
        var serverDll = LocateServer();
        var port = FreePort();
        var sandboxPort = FreePort();
        var dataPath = Directory.CreateTempSubdirectory("wxpayscore-browser-").FullName;
        var baseUrl = new Uri($"http://127.0.0.1:{port}");
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(serverDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     serverDll, "--urls", baseUrl.ToString().TrimEnd('/'), "--Server:DataPath", dataPath,
                     "--Sandbox:Urls", $"http://127.0.0.1:{sandboxPort}", "--Admin:ApiKey", AdminApiKey,
                 })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the server.");
        var server = new ServerProcess(process, baseUrl, dataPath);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitUntilHealthyAsync();
        return server;
    }

    public HttpClient CreateAdminClient()
    {
        var client = new HttpClient { BaseAddress = BaseUrl };
        client.DefaultRequestHeaders.Add("X-Api-Key", AdminApiKey);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        try
        {
            Directory.Delete(DataPath, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with {process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync("/health");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The server did not become healthy within 60 s:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string LocateServer()
    {
        // tests/WxPayScore.BrowserTests/bin/<Configuration>/net10.0 → src/WxPayScore.Server/bin/<Configuration>/net10.0
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testOutput.Name;
        var configuration = testOutput.Parent!.Name;
        var repository = testOutput.Parent.Parent!.Parent!.Parent!.Parent!.FullName;
        var dll = Path.Combine(repository, "src", "WxPayScore.Server", "bin", configuration, framework, "WxPayScore.Server.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build src/WxPayScore.Server first.", dll);
    }
}
