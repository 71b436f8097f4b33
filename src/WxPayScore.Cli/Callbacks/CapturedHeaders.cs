using System.Text.Json;
using WxPayScore.Callbacks;
using WxPayScore.Cli.Infrastructure;

namespace WxPayScore.Cli.Callbacks;

/// <summary>
/// The headers of a captured callback: <c>Name: value</c> lines (as <c>curl -D</c> or a proxy log writes them; a status or
/// request line is skipped) or a JSON object of names to values. Names are matched case-insensitively.
/// </summary>
internal static class CapturedHeaders
{
    public static CallbackHeaders Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var trimmed = text.TrimStart();
        if (trimmed.StartsWith('{'))
        {
            try
            {
                using var document = JsonDocument.Parse(trimmed);
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    headers[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
                }
            }
            catch (JsonException ex)
            {
                throw new UsageException("--headers: the file starts with '{' but is not a JSON object: " + ex.Message, ex);
            }
        }
        else
        {
            foreach (var raw in text.Split('\n'))
            {
                var line = raw.TrimEnd('\r');
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon <= 0 || line.StartsWith("HTTP/", StringComparison.OrdinalIgnoreCase) || line.Contains(' ', StringComparison.Ordinal) && line.IndexOf(' ', StringComparison.Ordinal) < colon)
                {
                    continue;
                }

                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }

        if (!headers.Keys.Any(k => k.StartsWith("Wechatpay-", StringComparison.OrdinalIgnoreCase)))
        {
            throw new UsageException("--headers: no Wechatpay-* header found (expected 'Wechatpay-Timestamp: …' lines or a JSON object).");
        }

        return CallbackHeaders.From(name => headers.GetValueOrDefault(name));
    }
}
