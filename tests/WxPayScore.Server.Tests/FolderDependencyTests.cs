using System.Text.RegularExpressions;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Server.Tests;

/// <summary>
/// The server's folders are its features and layers; a cycle between two of them (A uses B, B uses A) means neither
/// can be read, changed or tested alone. The references are read from the sources: <c>using</c> directives and
/// qualified names (<c>Callbacks.RejectedCallbacks</c>, <c>WxPayScore.Server.Orders.OrderPhase</c>).
/// </summary>
public sealed partial class FolderDependencyTests
{
    [Fact]
    public void No_two_server_folders_depend_on_each_other_directly_or_through_others()
    {
        var folders = FolderReferences();
        Assert.True(folders.Count >= 10, $"only {folders.Count} folders found");
        var cycles = new List<string>();
        foreach (var (folder, uses) in folders)
        {
            foreach (var used in uses)
            {
                if (Path(folders, used, folder) is { } back)
                {
                    cycles.Add($"{folder} → {used} → … → {string.Join(" → ", back)}");
                }
            }
        }

        Assert.True(cycles.Count == 0, "Folder cycles:\n" + string.Join('\n', cycles));
    }

    [Fact]
    public void The_reader_sees_the_references_it_is_meant_to_see()
    {
        var folders = FolderReferences();
        Assert.Contains("Persistence", folders["Orders"]);
        Assert.Contains("Callbacks", folders["Admin"]);
        Assert.Empty(folders["Persistence"]);
    }

    private static Dictionary<string, HashSet<string>> FolderReferences()
    {
        var server = System.IO.Path.Combine(RepositoryRoot.Path, "src", "WxPayScore.Server");
        var names = Directory.GetDirectories(server).Select(System.IO.Path.GetFileName).OfType<string>()
            .Where(n => n is not ("bin" or "obj" or "Properties") && Directory.EnumerateFiles(System.IO.Path.Combine(server, n), "*.cs", SearchOption.AllDirectories).Any())
            .ToHashSet(StringComparer.Ordinal);
        var qualified = new Regex(@"(?<![\w.])(?:WxPayScore\.Server\.)?(" + string.Join('|', names) + @")\.[A-Z]\w*", RegexOptions.CultureInvariant);
        var result = names.ToDictionary(n => n, _ => new HashSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var folder in names)
        {
            foreach (var file in Directory.EnumerateFiles(System.IO.Path.Combine(server, folder), "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains($"{System.IO.Path.DirectorySeparatorChar}Migrations{System.IO.Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
            {
                foreach (var line in File.ReadLines(file).Where(l => !l.TrimStart().StartsWith("//", StringComparison.Ordinal) && !l.StartsWith("namespace ", StringComparison.Ordinal)))
                {
                    foreach (Match match in UsingDirective().Matches(line).Concat(qualified.Matches(line)))
                    {
                        var used = match.Groups[1].Value;
                        if (used != folder && names.Contains(used))
                        {
                            result[folder].Add(used);
                        }
                    }
                }
            }
        }

        return result;
    }

    /// <summary>A path of references from <paramref name="from"/> to <paramref name="to"/>, or null.</summary>
    private static List<string>? Path(Dictionary<string, HashSet<string>> folders, string from, string to)
    {
        var previous = new Dictionary<string, string>(StringComparer.Ordinal) { [from] = from };
        var queue = new Queue<string>([from]);
        while (queue.TryDequeue(out var current))
        {
            if (current == to)
            {
                var path = new List<string> { to };
                while (path[0] != from)
                {
                    path.Insert(0, previous[path[0]]);
                }

                return path;
            }

            foreach (var next in folders[current].Where(n => previous.TryAdd(n, current)))
            {
                queue.Enqueue(next);
            }
        }

        return null;
    }

    [GeneratedRegex(@"^\s*using (?:static )?WxPayScore\.Server\.(\w+)", RegexOptions.CultureInvariant)]
    private static partial Regex UsingDirective();
}
