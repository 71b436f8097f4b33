namespace WxPayScore.ServiceOrders;

/// <summary>
/// The calls a <see cref="PreparedCall"/> can be: the partner service-order calls (payscore-partner-api.md §§2–6), one per
/// <c>Prepare…</c> method of <see cref="ServiceOrderService"/>, and the refund calls of <see cref="Refunds.RefundService"/> (refunds.md §§3–6).
/// </summary>
public enum ServiceOrderOperation
{
    /// <summary><c>POST /v3/payscore/partner/serviceorder</c>.</summary>
    Create,

    /// <summary><c>GET /v3/payscore/partner/serviceorder?…&amp;out_order_no=…</c>.</summary>
    Query,

    /// <summary><c>GET /v3/payscore/partner/serviceorder?…&amp;query_id=…</c>.</summary>
    QueryByQueryId,

    /// <summary><c>POST …/serviceorder/{out_order_no}/cancel</c>.</summary>
    Cancel,

    /// <summary><c>POST …/serviceorder/{out_order_no}/complete</c>.</summary>
    Complete,

    /// <summary><c>POST …/serviceorder/{out_order_no}/modify</c>.</summary>
    Modify,

    /// <summary><c>POST …/serviceorder/{out_order_no}/pay</c>.</summary>
    Pay,

    /// <summary><c>POST …/serviceorder/{out_order_no}/sync</c>.</summary>
    Sync,

    /// <summary><c>POST /v3/refund/domestic/refunds</c>.</summary>
    RefundCreate,

    /// <summary><c>GET /v3/refund/domestic/refunds/{out_refund_no}?sub_mchid=…</c>.</summary>
    RefundQuery,

    /// <summary><c>POST /v3/refund/domestic/refunds/{refund_id}/apply-abnormal-refund</c>.</summary>
    RefundApplyAbnormal,
}
