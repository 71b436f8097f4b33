using System.Text.Json;
using System.Text.Json.Nodes;

namespace WxPayScore.Sandbox.Tests.Infrastructure;

/// <summary>The golden wire JSON of tests/Golden/payscore (linked into the output folder), and shape comparison.</summary>
public static class GoldenCorpus
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Golden", "payscore");

    public static string Text(string name) => File.ReadAllText(Path.Combine(Folder, name + ".json"));

    public static JsonObject Json(string name) => JsonNode.Parse(Text(name))!.AsObject();

    /// <summary>The golden body with some values replaced (to keep orders apart and callbacks local), as compact UTF-8.</summary>
    public static byte[] Body(string name, params (string Field, string Value)[] replace)
    {
        var body = Json(name);
        foreach (var (field, value) in replace)
        {
            Assert.True(body.ContainsKey(field), $"{name} has no {field}");
            body[field] = value;
        }

        return JsonSerializer.SerializeToUtf8Bytes(body);
    }

    /// <summary>
    /// The same field names at every level, the same nesting and the same JSON kinds (values may differ: ids, times).
    /// Reports every difference with its path.
    /// </summary>
    public static void AssertSameShape(JsonNode expected, JsonNode? actual, string path = "$")
    {
        var differences = new List<string>();
        Compare(expected, actual, path, differences);
        Assert.True(differences.Count == 0, "Shape differs from the golden JSON:\n" + string.Join('\n', differences));
    }

    private static void Compare(JsonNode? expected, JsonNode? actual, string path, List<string> differences)
    {
        var expectedKind = expected?.GetValueKind() ?? JsonValueKind.Null;
        var actualKind = actual?.GetValueKind() ?? JsonValueKind.Null;
        if (Kind(expectedKind) != Kind(actualKind))
        {
            differences.Add($"{path}: expected {expectedKind}, got {actualKind}");
            return;
        }

        switch (expected)
        {
            case JsonObject e:
                var a = actual!.AsObject();
                foreach (var name in e.Select(p => p.Key).Except(a.Select(p => p.Key)))
                {
                    differences.Add($"{path}.{name}: missing");
                }

                foreach (var name in a.Select(p => p.Key).Except(e.Select(p => p.Key)))
                {
                    differences.Add($"{path}.{name}: not in the golden JSON");
                }

                foreach (var (name, value) in e)
                {
                    if (a.TryGetPropertyValue(name, out var other))
                    {
                        Compare(value, other, path + "." + name, differences);
                    }
                }

                break;
            case JsonArray e:
                var items = actual!.AsArray();
                if (e.Count != items.Count)
                {
                    differences.Add($"{path}: expected {e.Count} items, got {items.Count}");
                    return;
                }

                for (var i = 0; i < e.Count; i++)
                {
                    Compare(e[i], items[i], $"{path}[{i}]", differences);
                }

                break;
        }
    }

    private static JsonValueKind Kind(JsonValueKind kind) => kind == JsonValueKind.False ? JsonValueKind.True : kind;
}
