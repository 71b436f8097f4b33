using WxPayScore.Refunds;
using WxPayScore.ServiceOrders;
using WxPayScore.Tests.Infrastructure;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Tests.Refunds;

/// <summary>Refund requests and answers shaped like refunds.md §3.3 and §5.2.</summary>
public static class RefundSamples
{
    public const string OutRefundNo = "RF20250102A0001";
    public const string TransactionId = "4200002025010112345678901234";
    public const string RefundId = "50300002062025010212345678901";

    public static readonly RefundGetOptions Query = new() { SubMchId = TestKeys.SubMchId };

    public static RefundCreateOptions Create(string outRefundNo = OutRefundNo, long refund = 100) => new()
    {
        SubMchId = TestKeys.SubMchId,
        TransactionId = TransactionId,
        OutRefundNo = outRefundNo,
        Reason = "提前归还，退还部分租金",
        NotifyUrl = "https://sp.example.com/refund/notify",
        Amount = new RefundAmountOptions { Refund = refund, Total = 300 },
    };

    public static RefundApplyAbnormalOptions UserBankCard() => new()
    {
        SubMchId = TestKeys.SubMchId,
        OutRefundNo = OutRefundNo,
        Type = AbnormalRefundTypes.UserBankCard,
        BankType = "ICBC_DEBIT",
        BankAccount = "6222021234567890123",
        RealName = "张三",
    };

    public static string Answer(string status = "PROCESSING", string outRefundNo = OutRefundNo, string channel = "ORIGINAL") =>
        $$$"""{"refund_id":"{{{RefundId}}}","out_refund_no":"{{{outRefundNo}}}","transaction_id":"{{{TransactionId}}}","out_trade_no":"WXPS20250101140105A1B2C3","channel":"{{{channel}}}","user_received_account":"支付用户零钱",{{{(status == "SUCCESS" ? "\"success_time\":\"2025-01-02T10:00:05+08:00\"," : "")}}}"create_time":"2025-01-02T10:00:01+08:00","status":"{{{status}}}","funds_account":"AVAILABLE","amount":{"total":300,"refund":100,"payer_total":300,"payer_refund":100,"settlement_total":300,"settlement_refund":100,"discount_refund":0,"currency":"CNY"},"promotion_detail":[]}""";

    public static string Notification(string status, string outRefundNo = OutRefundNo) =>
        $$$"""{"sp_mchid":"1230000109","sub_mchid":"1900000109","transaction_id":"{{{TransactionId}}}","out_trade_no":"WXPS20250101140105A1B2C3","refund_id":"{{{RefundId}}}","out_refund_no":"{{{outRefundNo}}}","refund_status":"{{{status}}}",{{{(status == "SUCCESS" ? "\"success_time\":\"2025-01-02T10:00:05+08:00\"," : "")}}}"user_received_account":"支付用户零钱","amount":{"total":300,"refund":100,"payer_total":300,"payer_refund":100}}""";

    /// <summary>A DONE order collected in the given details (seq from 1; <c>MCH</c> details have no transaction id).</summary>
    public static ServiceOrder PaidOrder(params (long Amount, string PaidType, string PaidTime)[] details) => new()
    {
        OutOrderNo = Samples.OutOrderNo,
        State = ServiceOrderStatus.Done,
        TotalAmount = details.Sum(d => d.Amount),
        Collection = new CollectionInfo
        {
            State = ServiceOrderStatus.UserPaid,
            TotalAmount = details.Sum(d => d.Amount),
            PaidAmount = details.Sum(d => d.Amount),
            PayingAmount = 0,
            Details = details.Select((d, i) => new CollectionDetail
            {
                Seq = i + 1,
                Amount = d.Amount,
                PaidType = d.PaidType,
                PaidTime = d.PaidTime,
                TransactionId = d.PaidType == "NEWTON" ? $"42000020250101{i + 1:D14}" : null,
            }).ToArray(),
        },
    };
}
