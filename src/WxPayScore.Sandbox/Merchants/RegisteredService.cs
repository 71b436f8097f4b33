namespace WxPayScore.Sandbox.Merchants;

/// <summary>A configured Pay Score service.</summary>
internal sealed record RegisteredService(string ServiceId, ServiceMode Mode, long RiskCap, IReadOnlySet<string> AppIds);
