using WxPayScore.Server.Persistence;

namespace WxPayScore.Server.Admin;

/// <summary>A journaled WeChat call (see <see cref="WeChatCallRecord"/>); <c>Outcome</c> is <c>pending</c> while none is stored.</summary>
public sealed record AdminCallView(
    DateTimeOffset SentAt,
    WeChatCallOperation Operation,
    string? Target,
    string Outcome,
    int? HttpStatus,
    string? ErrorCode,
    string? ErrorMessage,
    string? RequestId,
    long? DurationMs,
    string? OutOrderNo,
    string Instance);
