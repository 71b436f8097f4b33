namespace WxPayScore.Sandbox;

/// <summary>The endpoint names a fault can target.</summary>
public static class FaultEndpoints
{
    public const string Create = "create";
    public const string Query = "query";
    public const string Cancel = "cancel";
    public const string Modify = "modify";
    public const string Complete = "complete";
    public const string Pay = "pay";
    public const string Sync = "sync";
    public const string Certificates = "certificates";
    public const string Notify = "notify";

    /// <summary><c>POST /v3/refund/domestic/refunds</c>.</summary>
    public const string RefundCreate = "refund_create";

    /// <summary><c>GET /v3/refund/domestic/refunds/{out_refund_no}</c>.</summary>
    public const string RefundQuery = "refund_query";

    /// <summary><c>POST /v3/refund/domestic/refunds/{refund_id}/apply-abnormal-refund</c>.</summary>
    public const string RefundAbnormal = "refund_abnormal";

    /// <summary>Every WeChat API endpoint (not <c>notify</c>).</summary>
    public const string Any = "*";

    public static IReadOnlyList<string> All { get; } = [Create, Query, Cancel, Modify, Complete, Pay, Sync, Certificates, RefundCreate, RefundQuery, RefundAbnormal, Notify, Any];
}
