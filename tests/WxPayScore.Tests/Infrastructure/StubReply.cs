using System.Security.Cryptography;
using System.Text;

namespace WxPayScore.Tests.Infrastructure;

/// <summary>What the stub WeChat answers to one request.</summary>
public sealed record StubReply
{
    public int Status { get; init; } = 200;

    public byte[] Body { get; init; } = [];

    public StubSignature Signature { get; init; } = StubSignature.Valid;

    /// <summary>Added to the stub's clock for Wechatpay-Timestamp (a stale answer).</summary>
    public TimeSpan ClockSkew { get; init; }

    /// <summary>Overrides the Wechatpay-Serial the stub sends (and, with <see cref="Key"/>, the key it signs with).</summary>
    public string? Serial { get; init; }

    public RSA? Key { get; init; }

    public TimeSpan Delay { get; init; }

    public string? RequestId { get; init; } = "08F78BB5AF0610D302189F99DD5C20BA56F89845-0";

    public static StubReply Json(string json, int status = 200) => new() { Status = status, Body = Encoding.UTF8.GetBytes(json) };

    public static StubReply NoContent() => new() { Status = 204 };

    public static StubReply Error(int status, string code, string message, string? detailJson = null) => new()
    {
        Status = status,
        Body = Encoding.UTF8.GetBytes(detailJson is null
            ? $"{{\"code\":\"{code}\",\"message\":\"{message}\"}}"
            : $"{{\"code\":\"{code}\",\"message\":\"{message}\",\"detail\":{detailJson}}}"),
        Signature = StubSignature.None,
        RequestId = $"08F78BB5AF0610D302189F99DD5C20BA56F89845-{status}",
    };
}
