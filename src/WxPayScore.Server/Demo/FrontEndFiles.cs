using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using WxPayScore.Server.Configuration;

namespace WxPayScore.Server.Demo;

/// <summary>
/// Where the shared front end (the repository's <c>miniprogram/</c>) is: <c>Server:FrontEndPath</c>, else the copy the
/// build puts next to the server (<c>frontend/miniprogram</c> in the output or publish folder), else the repository
/// folder found above the content root.
/// </summary>
public sealed class FrontEndFiles
{
    public FrontEndFiles(IOptions<ServerOptions> options, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        Root = Locate(options.Value.FrontEndPath, environment.ContentRootPath);
        Provider = Root is null ? new NullFileProvider() : new PhysicalFileProvider(Root);
    }

    /// <summary>The folder, or null when no front end was found.</summary>
    public string? Root { get; }

    public IFileProvider Provider { get; }

    public static string? Locate(string? configured, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var full = Path.GetFullPath(configured, contentRoot);
            return Directory.Exists(full) ? full : null;
        }

        var beside = Path.Combine(AppContext.BaseDirectory, "frontend", "miniprogram");
        if (File.Exists(Path.Combine(beside, "web", "index.html")))
        {
            return beside;
        }

        for (var folder = new DirectoryInfo(contentRoot); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "miniprogram");
            if (File.Exists(Path.Combine(candidate, "web", "index.html")))
            {
                return candidate;
            }
        }

        return null;
    }
}
