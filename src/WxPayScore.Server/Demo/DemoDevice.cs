namespace WxPayScore.Server.Demo;

/// <summary>An embedded device as the browser demo offers it, with the mini program it is scanned from.</summary>
public sealed record DemoDevice(string DeviceId, string SubMerchant, string SubMerchantName, string Location, string AppId);
