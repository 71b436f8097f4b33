using System.Text;

namespace WxPayScore.Tests.Infrastructure;

/// <summary>One request as the stub WeChat received it: raw target, headers, body bytes and whether its signature verified.</summary>
public sealed record StubRequest(
    int Index,
    string Method,
    string RawTarget,
    IReadOnlyDictionary<string, string> Headers,
    byte[] Body,
    IReadOnlyDictionary<string, string>? Authorization,
    bool SignatureVerifies)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    public string AuthorizationField(string name) =>
        Authorization is not null && Authorization.TryGetValue(name, out var value) ? value : throw new InvalidOperationException($"No {name} in Authorization.");

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
