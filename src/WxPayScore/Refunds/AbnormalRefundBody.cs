using System.Text.Json.Serialization;

namespace WxPayScore.Refunds;

/// <summary>The wire body of an abnormal refund: <see cref="RefundApplyAbnormalOptions"/> with the bank fields encrypted.</summary>
internal sealed record AbnormalRefundBody
{
    [JsonPropertyName("sub_mchid")]
    public required string SubMchId { get; init; }

    public required string OutRefundNo { get; init; }

    public required string Type { get; init; }

    public string? BankType { get; init; }

    public string? BankAccount { get; init; }

    public string? RealName { get; init; }
}
