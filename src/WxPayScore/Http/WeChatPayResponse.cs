using System.Net;

namespace WxPayScore.Http;

/// <summary>A verified 2xx answer: status, raw body bytes (exactly as signed) and the Request-ID.</summary>
internal sealed record WeChatPayResponse(HttpStatusCode StatusCode, byte[] Body, string? RequestId)
{
    public bool HasBody => Body.Length > 0;
}
