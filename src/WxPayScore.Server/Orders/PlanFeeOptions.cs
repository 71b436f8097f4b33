namespace WxPayScore.Server.Orders;

/// <summary>A fee line of a plan: name (at most 20 characters) and billing rule (at most 30), optionally a fixed amount in fen.</summary>
public sealed class PlanFeeOptions
{
    public string Name { get; set; } = string.Empty;

    public string? Description { get; set; }

    public long? Amount { get; set; }
}
