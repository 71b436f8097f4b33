using System.Text.Json.Serialization.Metadata;
using WxPayScore.Errors;
using WxPayScore.Http;
using WxPayScore.Json;

namespace WxPayScore.ServiceOrders;

/// <summary>
/// Every partner service-order call (payscore-partner-api.md §§2–6). Each call has a <c>Prepare…</c> step (local validation
/// and serialisation, once) giving a <see cref="PreparedCall"/>, and <see cref="SendAsync"/> sends one; the typed methods
/// (<c>CreateAsync</c>, <c>GetAsync</c>, …) are exactly the two in a row. Answers are signature-verified
/// before they are parsed. The methods are virtual so that an application can substitute the service in its tests.
/// </summary>
public class ServiceOrderService
{
    internal const string BasePath = "/v3/payscore/partner/serviceorder";

    private readonly WeChatPayTransport? transport;

    internal ServiceOrderService(WeChatPayTransport transport)
    {
        this.transport = transport;
    }

    /// <summary>For test doubles: a subclass overrides the calls it needs; calling a method it does not override throws.</summary>
    protected ServiceOrderService()
    {
    }

    /// <summary>Validates and serialises a create (创建支付分订单); throws <see cref="WeChatPayValidationException"/> before anything is sent.</summary>
    public static PreparedCall PrepareCreate(ServiceOrderCreateOptions options)
    {
        ServiceOrderValidator.ValidateCreate(options);
        return new PreparedCall(ServiceOrderOperation.Create, HttpMethod.Post, BasePath,
            WxPayScoreJsonContext.SerializeBody(options, WxPayScoreJsonContext.Wire.ServiceOrderCreateOptions), options.OutOrderNo);
    }

    /// <summary>Validates a query by <paramref name="outOrderNo"/> and builds its URL.</summary>
    public static PreparedCall PrepareQuery(string outOrderNo, ServiceOrderGetOptions options)
    {
        ServiceOrderValidator.ValidateOutOrderNo(outOrderNo);
        return PrepareQuery(ServiceOrderOperation.Query, "out_order_no", outOrderNo, outOrderNo, options);
    }

    /// <summary>Validates a query by the <c>query_id</c> the confirm page handed back, and builds its URL.</summary>
    public static PreparedCall PrepareQueryByQueryId(string queryId, ServiceOrderGetOptions options)
    {
        if (string.IsNullOrEmpty(queryId) || queryId.Length > 512)
        {
            throw new WeChatPayValidationException("query_id", "is required and at most 512 characters.");
        }

        return PrepareQuery(ServiceOrderOperation.QueryByQueryId, "query_id", queryId, null, options);
    }

    /// <summary>Validates (and, with <see cref="ServiceOrderCancelOptions.CurrentOrder"/>, checks the state of) a cancel, and serialises it.</summary>
    public static PreparedCall PrepareCancel(string outOrderNo, ServiceOrderCancelOptions options)
    {
        ServiceOrderValidator.ValidateCancel(options);
        return PrepareAction(ServiceOrderOperation.Cancel, "cancel", outOrderNo, options, WxPayScoreJsonContext.Wire.ServiceOrderCancelOptions);
    }

    /// <summary>Validates (amounts, times, state when known) a complete, and serialises it.</summary>
    public static PreparedCall PrepareComplete(string outOrderNo, ServiceOrderCompleteOptions options)
    {
        ServiceOrderValidator.ValidateComplete(options);
        return PrepareAction(ServiceOrderOperation.Complete, "complete", outOrderNo, options, WxPayScoreJsonContext.Wire.ServiceOrderCompleteOptions);
    }

    /// <summary>Validates (amounts, reason, state when known) a modify, and serialises it.</summary>
    public static PreparedCall PrepareModify(string outOrderNo, ServiceOrderModifyOptions options)
    {
        ServiceOrderValidator.ValidateModify(options);
        return PrepareAction(ServiceOrderOperation.Modify, "modify", outOrderNo, options, WxPayScoreJsonContext.Wire.ServiceOrderModifyOptions);
    }

    /// <summary>Validates (and checks the state of, when known) a pay (collect again), and serialises it.</summary>
    public static PreparedCall PreparePay(string outOrderNo, ServiceOrderPayOptions options)
    {
        ServiceOrderValidator.ValidatePay(options);
        return PrepareAction(ServiceOrderOperation.Pay, "pay", outOrderNo, options, WxPayScoreJsonContext.Wire.ServiceOrderPayOptions);
    }

    /// <summary>Validates (and checks the state of, when known) a sync (paid another way), and serialises it.</summary>
    public static PreparedCall PrepareSync(string outOrderNo, ServiceOrderSyncOptions options)
    {
        ServiceOrderValidator.ValidateSync(options);
        return PrepareAction(ServiceOrderOperation.Sync, "sync", outOrderNo, options, WxPayScoreJsonContext.Wire.ServiceOrderSyncOptions);
    }

    /// <summary>
    /// Sends a prepared call as it is (signed afresh on every attempt, over the same bytes) and returns WeChat's verified
    /// answer: the order for a create or query; for an action the order, or <see langword="null"/> when WeChat answered 204.
    /// </summary>
    public virtual Task<ServiceOrder?> SendAsync(PreparedCall call, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (call.IsRefund)
        {
            throw new ArgumentException($"{call.Operation} is a refund call: send it with RefundService.SendAsync.", nameof(call));
        }

        var sender = transport ?? throw new InvalidOperationException($"This {nameof(ServiceOrderService)} was made for a test double; override {nameof(SendAsync)}.");
        return sender.SendAsync(call, cancellationToken);
    }

    /// <summary><c>POST /v3/payscore/partner/serviceorder</c>: the answer carries <c>package</c> for the confirm page.</summary>
    public virtual Task<ServiceOrder> CreateAsync(ServiceOrderCreateOptions options, CancellationToken cancellationToken = default) =>
        SendAsync(PrepareCreate(options), cancellationToken)!;

    /// <summary><c>GET /v3/payscore/partner/serviceorder?…&amp;out_order_no=…</c>.</summary>
    public virtual Task<ServiceOrder> GetAsync(string outOrderNo, ServiceOrderGetOptions options, CancellationToken cancellationToken = default) =>
        SendAsync(PrepareQuery(outOrderNo, options), cancellationToken)!;

    /// <summary>
    /// Query by the <c>query_id</c> the front end got back from the Pay Score page. The <c>query_id</c> proves nothing by
    /// itself: this verified answer is what tells whether the user confirmed.
    /// </summary>
    public virtual Task<ServiceOrder> GetByQueryIdAsync(string queryId, ServiceOrderGetOptions options, CancellationToken cancellationToken = default) =>
        SendAsync(PrepareQueryByQueryId(queryId, options), cancellationToken)!;

    /// <summary>Cancels (撤销) an order not yet paid; the answer is the order, or <see langword="null"/> for a 204.</summary>
    public virtual Task<ServiceOrder?> CancelAsync(string outOrderNo, ServiceOrderCancelOptions options, CancellationToken cancellationToken = default) =>
        SendAsync(PrepareCancel(outOrderNo, options), cancellationToken);

    /// <summary>Completes (完结) a confirmed order with the final fees; collection starts at WeChat.</summary>
    public virtual Task<ServiceOrder?> CompleteAsync(string outOrderNo, ServiceOrderCompleteOptions options, CancellationToken cancellationToken = default) =>
        SendAsync(PrepareComplete(outOrderNo, options), cancellationToken);

    /// <summary>Lowers (修改金额) the amount of a completed order that is not paid yet.</summary>
    public virtual Task<ServiceOrder?> ModifyAsync(string outOrderNo, ServiceOrderModifyOptions options, CancellationToken cancellationToken = default) =>
        SendAsync(PrepareModify(outOrderNo, options), cancellationToken);

    /// <summary>Collect: asks Pay Score to try the deduction again; the outcome arrives later (callback or query).</summary>
    public virtual Task<ServiceOrder?> PayAsync(string outOrderNo, ServiceOrderPayOptions options, CancellationToken cancellationToken = default) =>
        SendAsync(PreparePay(outOrderNo, options), cancellationToken);

    /// <summary>Tells WeChat the user paid the merchant another way (同步订单信息, <c>Order_Paid</c>).</summary>
    public virtual Task<ServiceOrder?> SyncAsync(string outOrderNo, ServiceOrderSyncOptions options, CancellationToken cancellationToken = default) =>
        SendAsync(PrepareSync(outOrderNo, options), cancellationToken);

    private static PreparedCall PrepareQuery(ServiceOrderOperation operation, string key, string value, string? outOrderNo, ServiceOrderGetOptions options)
    {
        ServiceOrderValidator.ValidateQuery(options);
        var path = $"{BasePath}?service_id={Uri.EscapeDataString(options.ServiceId)}&sub_mchid={Uri.EscapeDataString(options.SubMchId)}&{key}={Uri.EscapeDataString(value)}";
        return new PreparedCall(operation, HttpMethod.Get, path, [], outOrderNo);
    }

    private static PreparedCall PrepareAction<T>(ServiceOrderOperation operation, string action, string outOrderNo, T options, JsonTypeInfo<T> typeInfo)
    {
        ServiceOrderValidator.ValidateOutOrderNo(outOrderNo);
        return new PreparedCall(operation, HttpMethod.Post, $"{BasePath}/{Uri.EscapeDataString(outOrderNo)}/{action}",
            WxPayScoreJsonContext.SerializeBody(options, typeInfo), outOrderNo);
    }
}
