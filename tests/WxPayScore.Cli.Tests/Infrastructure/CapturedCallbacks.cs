using WxPayScore.Tests.Shared;

namespace WxPayScore.Cli.Tests.Infrastructure;

/// <summary>A callback as the notify_url (<see cref="LoopbackReceiver"/>) received it, read the way the CLI's user handles one.</summary>
public static class CapturedCallbacks
{
    /// <summary>The notify_url of the tests: refuses SIGNTEST probes (400) and accepts the rest (204).</summary>
    public static Task<LoopbackReceiver> StartInboxAsync() =>
        LoopbackReceiver.StartAsync("/payscore/notify", callback => callback.IsSignTestProbe() ? 400 : 204);

    public static bool IsSignTestProbe(this ReceivedRequest callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return callback.Header("Wechatpay-Signature").StartsWith("WECHATPAY/SIGNTEST/", StringComparison.Ordinal);
    }

    /// <summary>Writes the capture as a user would save it: the body's bytes, and "Name: value" header lines (or JSON).</summary>
    public static (string BodyPath, string HeadersPath) Save(this ReceivedRequest callback, string folder, string name, bool jsonHeaders = false,
        Func<string, string, string>? editHeader = null)
    {
        ArgumentNullException.ThrowIfNull(callback);
        Directory.CreateDirectory(folder);
        var bodyPath = Path.Combine(folder, name + ".body");
        var headersPath = Path.Combine(folder, name + ".headers");
        File.WriteAllBytes(bodyPath, callback.Body);
        var headers = callback.Headers.Where(h => h.Key.StartsWith("Wechatpay-", StringComparison.OrdinalIgnoreCase) || h.Key is "Content-Type" or "User-Agent")
            .Select(h => (h.Key, Value: editHeader?.Invoke(h.Key, h.Value) ?? h.Value)).ToList();
        File.WriteAllText(headersPath, jsonHeaders
            ? System.Text.Json.JsonSerializer.Serialize(headers.ToDictionary(h => h.Key, h => h.Value))
            : "POST /payscore/notify HTTP/1.1\r\n" + string.Concat(headers.Select(h => $"{h.Key}: {h.Value}\r\n")));
        return (bodyPath, headersPath);
    }
}
