namespace WxPayScore.Sandbox.MiniProgram;

/// <summary>A <c>wx.login</c> code issued by the control API: single use, about 5 minutes (business clock).</summary>
internal sealed record LoginCodeRecord
{
    public required string Code { get; init; }

    public required string AppId { get; init; }

    public required string User { get; init; }

    public required string OpenId { get; init; }

    public DateTimeOffset IssuedAt { get; init; }
}
