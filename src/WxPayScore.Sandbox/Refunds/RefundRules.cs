using WxPayScore.Sandbox.Api;
using WxPayScore.Errors;
using WxPayScore.ServiceOrders;

namespace WxPayScore.Sandbox.Refunds;

/// <summary>
/// The business rules of a new refund against its transaction (refunds.md §2, §10.1–§10.3): the total must be the
/// collection detail's amount, the refund must fit the detail's remaining balance, at most 50 refunds, within 365 days of
/// <c>paid_time</c>, and not within the interval of the previous refund. Messages are the emulator's own.
/// </summary>
internal static class RefundRules
{
    public const int MaxRefundsPerTransaction = 50;
    public static readonly TimeSpan Window = TimeSpan.FromDays(365);
    public static readonly TimeSpan QueueLimit = TimeSpan.FromDays(7);

    public static void Check(CollectionDetail detail, long refund, long total, IReadOnlyCollection<RefundRecord> earlier, TimeSpan interval, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(detail);
        ArgumentNullException.ThrowIfNull(earlier);
        if (total != detail.Amount)
        {
            throw WeChatErrors.InvalidRequest("订单金额与原交易不一致");
        }

        if (ServiceTime.TryParse(detail.PaidTime, out var paid) && !paid.IsOnAccept && now > paid.Value + Window)
        {
            throw WeChatErrors.InvalidRequest("订单已超过退款期限");
        }

        if (earlier.Count >= MaxRefundsPerTransaction)
        {
            throw WeChatErrors.InvalidRequest($"该笔交易的退款次数已达上限（{MaxRefundsPerTransaction}次）");
        }

        var remaining = detail.Amount - earlier.Where(r => r.HoldsBalance).Sum(r => r.Refund);
        if (refund > remaining)
        {
            throw WeChatErrors.InvalidRequest("申请退款金额超过订单可退金额");
        }

        if (interval > TimeSpan.Zero && earlier.Count > 0 && now - earlier.Max(r => r.CreatedAt) < interval)
        {
            throw WeChatErrors.FrequencyLimited();
        }
    }

    /// <summary>The deduction's own merchant number (§0): generated from the detail, never the Pay Score <c>out_order_no</c>.</summary>
    public static string OutTradeNo(CollectionDetail detail)
    {
        ArgumentNullException.ThrowIfNull(detail);
        var id = detail.TransactionId ?? string.Empty;
        return "WXPS" + (detail.PaidTime ?? string.Empty) + id[Math.Max(0, id.Length - 6)..];
    }

    public static WeChatErrorException OrderNotFound() => new(404, WeChatPayErrorCodes.ResourceNotExists, "订单不存在", null, 271317510);

    public static WeChatErrorException RefundNotFound() => new(404, WeChatPayErrorCodes.ResourceNotExists, "退款单不存在", null, 271317511);

    public static WeChatErrorException NotEnough() => new(403, WeChatPayErrorCodes.NotEnough, "基本账户余额不足，请充值后重新发起", null, 268566276);

    public static WeChatErrorException ChangedReplay() =>
        new(400, WeChatPayErrorCodes.InvalidRequest, "订单金额或退款金额与之前请求不一致，请核实后再试", null, 271316598);

    /// <summary>The bank's name in <c>user_received_account</c> (<c>工商银行借记卡0123</c>).</summary>
    public static string BankName(string bankType) => bankType[..bankType.IndexOf('_', StringComparison.Ordinal)] switch
    {
        "ICBC" => "工商银行",
        "CMB" => "招商银行",
        "CCB" => "建设银行",
        "ABC" => "农业银行",
        "BOC" => "中国银行",
        "COMM" => "交通银行",
        "PAB" => "平安银行",
        "SPDB" => "浦发银行",
        "CITIC" => "中信银行",
        "CEB" => "光大银行",
        "CMBC" => "民生银行",
        "CIB" => "兴业银行",
        "GDB" => "广发银行",
        "PSBC" => "邮储银行",
        "NBCB" => "宁波银行",
        var other => other,
    };
}
