namespace WxPayScore.Server.Demo;

/// <summary>GET /api/demo/config (embedded sandbox only): what the browser demo needs to play WeChat.</summary>
public sealed record DemoConfigResponse(string AppId, string ConfirmPageUrl, string User);
