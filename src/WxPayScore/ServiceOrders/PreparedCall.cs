namespace WxPayScore.ServiceOrders;

/// <summary>
/// A call validated and serialised once: exactly what is signed and sent. Journal it, then send it (and resend it after
/// an unknown outcome) with <see cref="ServiceOrderService.SendAsync"/> (service orders) or
/// <see cref="Refunds.RefundService.SendAsync"/> (refunds): WeChat accepts an identical repeat ("原参重入", the same
/// <c>out_refund_no</c> with the same parameters) and refuses a changed one, so a retry must carry these very bytes.
/// </summary>
public sealed class PreparedCall
{
    internal PreparedCall(ServiceOrderOperation operation, HttpMethod method, string pathAndQuery, byte[] body, string? outOrderNo,
        string? outRefundNo = null, string? encryptionSerial = null)
    {
        Operation = operation;
        Method = method;
        PathAndQuery = pathAndQuery;
        Body = body;
        OutOrderNo = outOrderNo;
        OutRefundNo = outRefundNo;
        EncryptionSerial = encryptionSerial;
    }

    /// <summary>Which call this is.</summary>
    public ServiceOrderOperation Operation { get; }

    /// <summary><c>GET</c> for the queries, <c>POST</c> for the others.</summary>
    public HttpMethod Method { get; }

    /// <summary>Path and query string, percent-encoded, exactly as requested and signed (e.g. <c>/v3/payscore/partner/serviceorder/SP1/cancel</c>).</summary>
    public string PathAndQuery { get; }

    /// <summary>The exact UTF-8 JSON body sent and signed; empty for a query (a GET sends no body). Do not modify it.</summary>
    public byte[] Body { get; }

    /// <summary>The merchant's order number the call is about; <see langword="null"/> for a query by <c>query_id</c> and for refund calls.</summary>
    public string? OutOrderNo { get; }

    /// <summary>The merchant's refund number a refund call is about; <see langword="null"/> for service-order calls.</summary>
    public string? OutRefundNo { get; }

    /// <summary>Whether this is a refund call (sent by <see cref="Refunds.RefundService.SendAsync"/>, answered by a refund).</summary>
    public bool IsRefund => Operation is ServiceOrderOperation.RefundCreate or ServiceOrderOperation.RefundQuery or ServiceOrderOperation.RefundApplyAbnormal;

    /// <summary>The <c>Wechatpay-Serial</c> of the key the body's encrypted fields were encrypted with (abnormal refund), sent on every attempt.</summary>
    internal string? EncryptionSerial { get; }

    /// <summary>Whether WeChat's answer must carry the order (create and queries); the actions may answer 204.</summary>
    internal bool AnswerRequired => Operation is ServiceOrderOperation.Create or ServiceOrderOperation.Query or ServiceOrderOperation.QueryByQueryId;

    /// <summary>The name of the call in logs, traces and metrics (<c>serviceorder.create</c>, <c>serviceorder.query</c>, …).</summary>
    internal string MetricName => Operation switch
    {
        ServiceOrderOperation.Create => "serviceorder.create",
        ServiceOrderOperation.Query or ServiceOrderOperation.QueryByQueryId => "serviceorder.query",
        ServiceOrderOperation.Cancel => "serviceorder.cancel",
        ServiceOrderOperation.Complete => "serviceorder.complete",
        ServiceOrderOperation.Modify => "serviceorder.modify",
        ServiceOrderOperation.Pay => "serviceorder.pay",
        ServiceOrderOperation.RefundCreate => "refund.create",
        ServiceOrderOperation.RefundQuery => "refund.query",
        ServiceOrderOperation.RefundApplyAbnormal => "refund.apply_abnormal",
        _ => "serviceorder.sync",
    };

    /// <summary><c>METHOD path?query</c>, for logs and journals.</summary>
    public override string ToString() => $"{Method.Method} {PathAndQuery}";
}
