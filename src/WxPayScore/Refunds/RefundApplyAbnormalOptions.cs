using System.Text.Json.Serialization;

namespace WxPayScore.Refunds;

/// <summary>
/// Body of <c>POST /v3/refund/domestic/refunds/{refund_id}/apply-abnormal-refund</c> (发起异常退款). The bank account and
/// the name are given in clear here; the prepare step encrypts them (RSA-OAEP) with the WeChat Pay key it names in
/// <c>Wechatpay-Serial</c>, and never serialises the clear text.
/// </summary>
public sealed record RefundApplyAbnormalOptions
{
    /// <summary>The sub-merchant.</summary>
    [JsonPropertyName("sub_mchid")]
    public required string SubMchId { get; init; }

    /// <summary>The refund number; must match the refund.</summary>
    public required string OutRefundNo { get; init; }

    /// <summary><see cref="AbnormalRefundTypes.UserBankCard"/> or <see cref="AbnormalRefundTypes.MerchantBankCard"/>.</summary>
    public required string Type { get; init; }

    /// <summary>The user's debit-card bank (e.g. <c>ICBC_DEBIT</c>); required for <see cref="AbnormalRefundTypes.UserBankCard"/>.</summary>
    public string? BankType { get; init; }

    /// <summary>The card number, in clear; encrypted before it is sent.</summary>
    [JsonIgnore]
    public string? BankAccount { get; init; }

    /// <summary>The card holder's name, in clear; encrypted before it is sent.</summary>
    [JsonIgnore]
    public string? RealName { get; init; }
}
