namespace WxPayScore.Tests.Shared;

/// <summary>Fresh folders under the system temp folder (<c>wxpayscore-tests/{name}-{random}</c>).</summary>
public static class TempFolders
{
    public static string Create(string name)
    {
        var path = Path.Combine(Path.GetTempPath(), "wxpayscore-tests", name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(path);
        return path;
    }
}
