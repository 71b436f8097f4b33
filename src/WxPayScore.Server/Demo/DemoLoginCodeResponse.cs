namespace WxPayScore.Server.Demo;

/// <summary>A sandbox <c>wx.login</c> code for the simulated user.</summary>
public sealed record DemoLoginCodeResponse(string Code);
