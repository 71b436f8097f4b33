using System.Net;

namespace WxPayScore.Cli.Infrastructure;

/// <summary>An answer exactly as it came off the wire (before the SDK judged it): status, <c>Wechatpay-*</c> headers and raw body.</summary>
internal sealed record RecordedResponse(HttpStatusCode StatusCode, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string? Header(string name) => Headers.GetValueOrDefault(name);
}
