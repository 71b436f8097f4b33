using System.Diagnostics;
using WxPayScore.ServiceOrders;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Tests.PublicApi;

/// <summary>
/// The SDK's public surface is pinned by <c>PublicAPI.Shipped.txt</c> (Microsoft.CodeAnalysis.PublicApiAnalyzers): a public
/// member that is not declared there fails the build, so no refactoring changes the surface silently.
/// </summary>
public sealed class PublicApiBaselineTests
{
    private static readonly string Root = RepositoryRoot.Path;
    private static readonly string SdkFolder = Path.Combine(Root, "src", "WxPayScore");

    [Fact]
    public void The_baseline_is_shipped_and_nothing_is_pending()
    {
        var shipped = File.ReadAllLines(Path.Combine(SdkFolder, "PublicAPI.Shipped.txt"));
        var unshipped = File.ReadAllLines(Path.Combine(SdkFolder, "PublicAPI.Unshipped.txt")).Where(l => l.Length > 0).ToArray();

        Assert.Equal(["#nullable enable"], unshipped);
        Assert.Equal("#nullable enable", shipped[0]);
        Assert.Contains("static WxPayScore.ServiceOrders.ServiceOrderService.PrepareCreate(WxPayScore.ServiceOrders.ServiceOrderCreateOptions! options) -> WxPayScore.ServiceOrders.PreparedCall!", shipped);
        Assert.Contains("virtual WxPayScore.ServiceOrders.ServiceOrderService.SendAsync(WxPayScore.ServiceOrders.PreparedCall! call, System.Threading.CancellationToken cancellationToken = default(System.Threading.CancellationToken)) -> System.Threading.Tasks.Task<WxPayScore.ServiceOrders.ServiceOrder?>!", shipped);

        // Every exported type is declared, and the plumbing is not: a type named in the baseline that the assembly does not
        // export would be a stale entry (the analyzer reports those too, RS0017).
        var exported = typeof(ServiceOrderService).Assembly.GetExportedTypes().Select(t => t.FullName!.Replace('+', '.')).ToHashSet(StringComparer.Ordinal);
        Assert.All(exported, name => Assert.Contains(shipped, line => line.Contains(name, StringComparison.Ordinal)));
        foreach (var plumbing in new[] { "RequestSigner", "SignatureVerifier", "VerificationKeyStore", "WeChatPayTransport", "SigningHandler", "SigningString", "RsaSignature", "PemKeys", "ResourceCipher", "AuthorizationHeader", "CallbackEnvelope", "WxPayScoreJsonContext", "ServiceOrderValidator", "MerchantCredentials" })
        {
            Assert.DoesNotContain(exported, name => name.EndsWith("." + plumbing, StringComparison.Ordinal));
            Assert.DoesNotContain(shipped, line => line.Contains("." + plumbing + ".", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_public_member_missing_from_the_baseline_fails_the_build()
    {
        // A copy of the SDK with the repository's build settings, plus one undeclared public type: the real build must refuse it.
        var work = Directory.CreateTempSubdirectory("wxpayscore-publicapi-");
        try
        {
            File.Copy(Path.Combine(Root, "Directory.Build.props"), Path.Combine(work.FullName, "Directory.Build.props"));
            File.Copy(Path.Combine(Root, "Directory.Packages.props"), Path.Combine(work.FullName, "Directory.Packages.props"));
            File.Copy(Path.Combine(Root, ".editorconfig"), Path.Combine(work.FullName, ".editorconfig"));
            var copy = Path.Combine(work.FullName, "src", "WxPayScore");
            CopySources(SdkFolder, copy);
            await File.WriteAllTextAsync(Path.Combine(copy, "Undeclared.cs"),
                "namespace WxPayScore;\n\n/// <summary>Not in PublicAPI.Shipped.txt.</summary>\npublic static class UndeclaredSurface\n{\n    /// <summary>Not declared either.</summary>\n    public static int Value => 1;\n}\n");

            var (exitCode, output) = await RunAsync("dotnet", "build", Path.Combine(copy, "WxPayScore.csproj"), "-c", "Release", "-nologo", "-p:NuGetAudit=false");

            Assert.True(exitCode != 0, "the build passed with an undeclared public type:\n" + output);
            Assert.Contains("RS0016", output, StringComparison.Ordinal);
            Assert.Contains("UndeclaredSurface", output, StringComparison.Ordinal);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static void CopySources(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            var first = relative.Split(Path.DirectorySeparatorChar)[0];
            if (first is "bin" or "obj")
            {
                continue;
            }

            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string fileName, params string[] arguments)
    {
        var info = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // A build outside the solution's build server, so the test does not depend on (or disturb) one.
        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        info.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
