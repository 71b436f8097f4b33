namespace WxPayScore.Server.MiniProgramApi;

/// <summary>POST /api/session: the code from <c>wx.login</c>.</summary>
public sealed record CreateSessionRequest(string? Code);
