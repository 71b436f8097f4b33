namespace WxPayScore.Server.Configuration;

/// <summary>Writes generated secrets readable by the owner only (where the OS supports it).</summary>
public static class SecretFiles
{
    public static void Write(string path, string content)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Path.GetDirectoryName(path) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }

        var temporary = path + ".tmp";
        if (OperatingSystem.IsWindows())
        {
            File.WriteAllText(temporary, content);
        }
        else
        {
            using (var stream = new FileStream(temporary, new FileStreamOptions
            {
                Mode = FileMode.Create,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            }))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(content);
            }
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Creates the file with <paramref name="content"/> unless it exists; returns what the file holds (the first writer wins).</summary>
    public static string WriteIfAbsent(string path, Func<string> content)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }

        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        Write(temporary, content());
        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
        }

        return File.ReadAllText(path).Trim();
    }
}
