namespace WxPayScore.Tests.Shared;

/// <summary>The repository's root folder: the first folder above the test binaries that holds <c>WxPayScore.slnx</c>.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> Found = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "WxPayScore.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (WxPayScore.slnx) was not found above " + AppContext.BaseDirectory);
    });

    public static string Path => Found.Value;
}
