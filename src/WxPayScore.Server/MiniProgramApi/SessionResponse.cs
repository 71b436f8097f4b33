namespace WxPayScore.Server.MiniProgramApi;

/// <summary>A session: the bearer token for the other calls, when it expires, and the mini program it is for.</summary>
public sealed record SessionResponse(string Token, DateTimeOffset ExpiresAt, string AppId);
