using Microsoft.Extensions.Configuration;

namespace WxPayScore.Sandbox.Hosting;

/// <summary>
/// Where the standalone sandbox listens. Besides <c>Sandbox:Urls</c> it honours the ASP.NET Core conventions —
/// <c>--urls</c>, <c>ASPNETCORE_URLS</c>, <c>URLS</c> and a top-level <c>Urls</c> key — and the source added last
/// wins, as everywhere in configuration: <c>--urls</c> on the command line beats <c>ASPNETCORE_URLS</c>, which beats
/// <c>Sandbox:Urls</c> in sandbox.json. Within one source the ASP.NET Core key wins.
/// </summary>
internal static class SandboxUrls
{
    public const string AspNetCoreKey = "urls";

    public static string? Resolve(IConfigurationRoot configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        foreach (var provider in configuration.Providers.Reverse())
        {
            if (provider.TryGet(AspNetCoreKey, out var urls) && !string.IsNullOrWhiteSpace(urls))
            {
                return urls;
            }

            if (provider.TryGet(SandboxOptions.SectionName + ":" + nameof(SandboxOptions.Urls), out var sandboxUrls) && !string.IsNullOrWhiteSpace(sandboxUrls))
            {
                return sandboxUrls;
            }
        }

        return null;
    }
}
