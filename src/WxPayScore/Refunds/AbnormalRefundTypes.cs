namespace WxPayScore.Refunds;

/// <summary>Values of <c>type</c> in an abnormal refund (refunds.md §6).</summary>
public static class AbnormalRefundTypes
{
    /// <summary>To a debit card of the user: needs <c>bank_type</c>, <c>bank_account</c> and <c>real_name</c>.</summary>
    public const string UserBankCard = "USER_BANK_CARD";

    /// <summary>To the sub-merchant's settlement bank account.</summary>
    public const string MerchantBankCard = "MERCHANT_BANK_CARD";
}
