namespace WxPayScore.Server.Demo;

/// <summary>POST /api/demo/login-code: the simulated user.</summary>
public sealed record DemoLoginCodeRequest(string? User);
