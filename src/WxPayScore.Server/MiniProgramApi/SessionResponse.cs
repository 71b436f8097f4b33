namespace WxPayScore.Server.MiniProgramApi;

/// <summary>A session: the bearer token for the other calls and when it expires.</summary>
public sealed record SessionResponse(string Token, DateTimeOffset ExpiresAt);
