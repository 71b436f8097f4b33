namespace WxPayScore.Server.Demo;

/// <summary>
/// GET /api/demo/config (embedded sandbox only): what the browser demo needs to play WeChat — the provider's mini
/// program's AppID, the sandbox confirm page, the default user, and the embedded devices (each with the AppID of the
/// mini program that serves it: the sub-merchant's own, else the provider's).
/// </summary>
public sealed record DemoConfigResponse(string AppId, string ConfirmPageUrl, string User, IReadOnlyList<DemoDevice> Devices);
