namespace WxPayScore.Server.Sessions;

/// <summary>A logged-in mini program user: the mini program (AppID) and the openid WeChat gave the user there.</summary>
/// <param name="AppId">The mini program the user logged in from.</param>
/// <param name="OpenId">The user's openid within <paramref name="AppId"/>.</param>
public sealed record SessionUser(string AppId, string OpenId);
