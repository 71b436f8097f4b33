namespace WxPayScore.Server.Api;

/// <summary>POST /api/session: the code from <c>wx.login</c>.</summary>
public sealed record CreateSessionRequest(string? Code);
