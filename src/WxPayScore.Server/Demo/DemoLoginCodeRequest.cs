namespace WxPayScore.Server.Demo;

/// <summary>POST /api/demo/login-code: the simulated user, and the mini program (AppID; default: the provider's).</summary>
public sealed record DemoLoginCodeRequest(string? User, string? AppId = null);
