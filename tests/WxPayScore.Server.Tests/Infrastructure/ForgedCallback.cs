namespace WxPayScore.Server.Tests.Infrastructure;

/// <summary>A crafted callback: body and Wechatpay-* headers.</summary>
public sealed record ForgedCallback(string Id, byte[] Body, string Timestamp, string Nonce, string Signature, string Serial);
