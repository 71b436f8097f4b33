namespace WxPayScore.Server.MiniProgramApi;

/// <summary>
/// POST /api/session: the code from <c>wx.login</c> and the mini program's own AppID (<c>wx.getAccountInfoSync()</c>);
/// <c>appId</c> may be left out when exactly one mini program is configured.
/// </summary>
public sealed record CreateSessionRequest(string? Code, string? AppId = null);
