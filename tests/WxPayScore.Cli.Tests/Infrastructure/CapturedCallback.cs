namespace WxPayScore.Cli.Tests.Infrastructure;

/// <summary>A callback as the notify_url received it: the raw body and the headers.</summary>
public sealed record CapturedCallback(byte[] Body, IReadOnlyDictionary<string, string> Headers)
{
    public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : string.Empty;

    public bool IsSignTestProbe => Header("Wechatpay-Signature").StartsWith("WECHATPAY/SIGNTEST/", StringComparison.Ordinal);

    /// <summary>Writes the capture as a user would save it: the body's bytes, and "Name: value" header lines (or JSON).</summary>
    public (string BodyPath, string HeadersPath) Save(string folder, string name, bool jsonHeaders = false, Func<string, string, string>? editHeader = null)
    {
        Directory.CreateDirectory(folder);
        var bodyPath = Path.Combine(folder, name + ".body");
        var headersPath = Path.Combine(folder, name + ".headers");
        File.WriteAllBytes(bodyPath, Body);
        var headers = Headers.Where(h => h.Key.StartsWith("Wechatpay-", StringComparison.OrdinalIgnoreCase) || h.Key is "Content-Type" or "User-Agent")
            .Select(h => (h.Key, Value: editHeader?.Invoke(h.Key, h.Value) ?? h.Value)).ToList();
        File.WriteAllText(headersPath, jsonHeaders
            ? System.Text.Json.JsonSerializer.Serialize(headers.ToDictionary(h => h.Key, h => h.Value))
            : "POST /payscore/notify HTTP/1.1\r\n" + string.Concat(headers.Select(h => $"{h.Key}: {h.Value}\r\n")));
        return (bodyPath, headersPath);
    }
}
