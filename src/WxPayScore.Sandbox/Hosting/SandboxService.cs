namespace WxPayScore.Sandbox;

/// <summary>A Pay Score service (<c>service_id</c>) and the business configuration WeChat operations attach to it.</summary>
public sealed class SandboxService
{
    public string ServiceId { get; set; } = string.Empty;

    /// <summary><c>DepositWaived</c> (先免: DEPOSIT/ADVANCE/CASH_DEPOSIT) or <c>EnjoyFirst</c> (先享: ESTIMATE_ORDER_COST).</summary>
    public string Mode { get; set; } = "DepositWaived";

    /// <summary>Risk-amount cap in fen.</summary>
    public long RiskCap { get; set; } = 100_000;

    /// <summary>AppIDs registered on the service (the create <c>appid</c> and, if sent, <c>sub_appid</c> must be among them).</summary>
    public List<string> AppIds { get; set; } = [];
}
