namespace WxPayScore.Server.Configuration;

/// <summary>Resolves the data folder (<c>Server:DataPath</c>) against the content root.</summary>
public static class DataPaths
{
    public static string Resolve(IHostEnvironment environment, string? dataPath)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var path = string.IsNullOrWhiteSpace(dataPath) ? "data" : dataPath;
        return Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(environment.ContentRootPath, path));
    }

    public static string Resolve(string contentRoot, string? dataPath)
    {
        var path = string.IsNullOrWhiteSpace(dataPath) ? "data" : dataPath;
        return Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(contentRoot, path));
    }
}
