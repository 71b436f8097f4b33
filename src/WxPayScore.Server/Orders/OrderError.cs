using WxPayScore.Errors;

namespace WxPayScore.Server.Orders;

/// <summary>Why an order operation did not succeed, in the order's own terms; the endpoint chooses the HTTP answer.</summary>
/// <param name="Kind">What went wrong.</param>
/// <param name="Title">A short summary for the caller.</param>
/// <param name="Detail">What exactly, and what to do.</param>
public sealed record OrderError(OrderErrorKind Kind, string Title, string Detail)
{
    /// <summary>The input field at fault, if any.</summary>
    public string? Field { get; init; }

    /// <summary>The order concerned, once it has a number.</summary>
    public string? OutOrderNo { get; init; }

    /// <summary>The value the input should have had, for <see cref="OrderErrorKind.TotalMismatch"/>; for a refund, the most that can be refunded.</summary>
    public long? Expected { get; init; }

    /// <summary>A stable code of why, for the caller's logic (a refund's: <c>exceeds_refundable</c>, <c>not_collected</c>, …).</summary>
    public string? Reason { get; init; }

    /// <summary>WeChat Pay's failure, for <see cref="OrderErrorKind.WeChatFailed"/>.</summary>
    public WeChatPayException? WeChat { get; init; }
}
