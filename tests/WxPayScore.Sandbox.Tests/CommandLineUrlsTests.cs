using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace WxPayScore.Sandbox.Tests;

/// <summary>
/// The standalone sandbox (the same entry point as <c>dotnet run --project src/WxPayScore.Sandbox</c>, started from its
/// built assembly) listens where the ASP.NET Core conventions say: <c>--urls</c>, <c>ASPNETCORE_URLS</c>, <c>URLS</c>,
/// as well as <c>Sandbox:Urls</c>; the source given last wins.
/// </summary>
public sealed class CommandLineUrlsTests
{
    [Theory]
    [InlineData("--urls")]
    [InlineData("ASPNETCORE_URLS")]
    [InlineData("URLS")]
    [InlineData("--Sandbox:Urls")]
    public async Task The_standalone_sandbox_listens_on_the_url_it_is_given(string how)
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        var folder = Path.Combine(Path.GetTempPath(), "wxpayscore-sandbox-urls", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "WxPayScore.Sandbox.dll"));
        start.ArgumentList.Add("--Sandbox:DataPath=" + folder);
        start.ArgumentList.Add("--Sandbox:Persistence=Memory");
        foreach (var name in new[] { "ASPNETCORE_URLS", "URLS", "DOTNET_URLS" })
        {
            start.Environment.Remove(name);
        }

        // A lower-priority Sandbox:Urls (environment) that the tested setting must win over — except when it is itself the tested one.
        start.Environment["Sandbox__Urls"] = "http://127.0.0.1:1";
        if (how.StartsWith("--", StringComparison.Ordinal))
        {
            start.ArgumentList.Add(how);
            start.ArgumentList.Add(url);
        }
        else
        {
            start.Environment[how] = url;
            start.Environment.Remove("Sandbox__Urls");
        }

        using var process = Process.Start(start)!;
        try
        {
            var listening = await ReadUntilAsync(process, "Listening on", TimeSpan.FromSeconds(90));
            Assert.Contains(url, listening, StringComparison.Ordinal);
            using var http = new HttpClient();
            using var dashboard = await http.GetAsync(url + "/sandbox");
            Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<string> ReadUntilAsync(Process process, string marker, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var seen = new List<string>();
        while (await process.StandardOutput.ReadLineAsync(cancel.Token) is { } line)
        {
            seen.Add(line);
            if (line.Contains(marker, StringComparison.Ordinal))
            {
                return line;
            }
        }

        var error = await process.StandardError.ReadToEndAsync(cancel.Token);
        Assert.Fail($"The sandbox ended without '{marker}'.\n{string.Join('\n', seen)}\n{error}");
        return string.Empty;
    }
}
