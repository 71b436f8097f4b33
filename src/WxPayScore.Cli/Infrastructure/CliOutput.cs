using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WxPayScore.Cli.Infrastructure;

/// <summary>Human text by default; with <c>--json</c> exactly one JSON document on standard output.</summary>
internal sealed class CliOutput
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public CliOutput(CliConsole console, bool json)
    {
        Console = console;
        Json = json;
    }

    public CliConsole Console { get; }

    public bool Json { get; }

    /// <summary>A line of human output (nothing in JSON mode).</summary>
    public void Line(string text = "")
    {
        if (!Json)
        {
            Console.Output.WriteLine(text);
        }
    }

    /// <summary>"label  value" aligned, for human output.</summary>
    public void Field(string label, object? value, int width = 22)
    {
        if (value is not null && value is not "")
        {
            Line("  " + label.PadRight(width) + " " + Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    public void Document(JsonNode node)
    {
        if (Json)
        {
            Console.Output.WriteLine(node.ToJsonString(Indented));
        }
    }

    /// <summary>An error: on standard error for humans, as <c>{"ok":false,"error":{code,message}}</c> in JSON mode.</summary>
    public void Error(string code, string message, JsonObject? extra = null)
    {
        if (Json)
        {
            var error = new JsonObject { ["code"] = code, ["message"] = message };
            if (extra is not null)
            {
                foreach (var (key, value) in extra.ToArray())
                {
                    extra.Remove(key);
                    error[key] = value;
                }
            }

            Console.Output.WriteLine(new JsonObject { ["ok"] = false, ["error"] = error }.ToJsonString(Indented));
        }
        else
        {
            Console.Error.WriteLine("error: " + message);
        }
    }

    public static string Pretty(JsonNode node) => node.ToJsonString(Indented);
}
