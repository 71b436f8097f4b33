using WxPayScore.Callbacks;

namespace WxPayScore.Sandbox.Tests.Infrastructure;

/// <summary>One POST the receiver got: raw body and headers as received, what the SDK made of it, and the status answered.</summary>
public sealed record ReceivedCallback(byte[] Body, IReadOnlyDictionary<string, string> Headers, CallbackResult Result, int AnsweredStatus)
{
    public string? EventType => Result.Callback?.EventType;

    public string? Signature => Headers.GetValueOrDefault("Wechatpay-Signature");
}
