namespace WxPayScore.ServiceOrders;

/// <summary>The partner service-order calls (payscore-partner-api.md §§2–6), one per <c>Prepare…</c> method of <see cref="ServiceOrderService"/>.</summary>
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
}
