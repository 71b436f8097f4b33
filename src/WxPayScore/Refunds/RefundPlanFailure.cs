namespace WxPayScore.Refunds;

/// <summary>Why <see cref="RefundPlanner"/> could not plan a refund.</summary>
public enum RefundPlanFailure
{
    /// <summary>The amount is below 1 fen.</summary>
    InvalidAmount = 1,

    /// <summary>The order is not <c>DONE</c> with <c>collection.state=USER_PAID</c>: there is no settled transaction to refund yet.</summary>
    NotCollected,

    /// <summary>No collection detail can be refunded through WeChat: none is a <c>NEWTON</c> payment with a <c>transaction_id</c> (<c>MCH</c> details are refunded by the merchant's own means).</summary>
    NothingRefundable,

    /// <summary>The amount exceeds what the details still have to refund.</summary>
    ExceedsRefundable,

    /// <summary>The amount would fit, but a detail needed has had its 50 refunds already.</summary>
    RefundLimitReached,

    /// <summary>The amount would fit, but a detail needed was paid more than 365 days ago.</summary>
    WindowPassed,
}
