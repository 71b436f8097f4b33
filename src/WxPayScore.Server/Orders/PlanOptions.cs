namespace WxPayScore.Server.Orders;

/// <summary>One service plan (<c>PayScore:Plans:{id}</c>): what the user is shown on the Pay Score confirm page.</summary>
public sealed class PlanOptions
{
    /// <summary>Service introduction shown to the user (at most 20 characters).</summary>
    public string ServiceIntroduction { get; set; } = string.Empty;

    public PlanRiskFundOptions RiskFund { get; set; } = new();

    /// <summary>Fee lines shown at confirmation (name + billing rule; amounts are set at completion).</summary>
    public List<PlanFeeOptions> Fees { get; set; } = [];

    /// <summary>Where the service starts (at most 50 characters).</summary>
    public string? Location { get; set; }

    /// <summary>Remark of the start time (at most 20 characters), e.g. 借出时间.</summary>
    public string? StartTimeRemark { get; set; }
}
