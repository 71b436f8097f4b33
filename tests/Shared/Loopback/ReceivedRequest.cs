using System.Text;

namespace WxPayScore.Tests.Shared;

/// <summary>One request a <see cref="LoopbackReceiver"/> got, as it arrived: path, headers (case-insensitive) and raw body.</summary>
public sealed record ReceivedRequest(string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    /// <summary>The header's value, or empty when it was not sent.</summary>
    public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : string.Empty;

    public string ContentType => Header("Content-Type");

    /// <summary>The body as UTF-8 text.</summary>
    public string Text => Encoding.UTF8.GetString(Body);
}
