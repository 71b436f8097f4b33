namespace WxPayScore.Sandbox.Refunds;

/// <summary>The wire values of a refund's <c>status</c> and the events that announce them (refunds.md §8).</summary>
internal static class RefundStatuses
{
    public const string Processing = "PROCESSING";
    public const string Success = "SUCCESS";
    public const string Closed = "CLOSED";
    public const string Abnormal = "ABNORMAL";

    public static string EventOf(string status) => "REFUND." + status;

    public static string SummaryOf(string status) => status switch
    {
        Success => "退款成功",
        Closed => "退款关闭",
        _ => "退款异常",
    };
}
