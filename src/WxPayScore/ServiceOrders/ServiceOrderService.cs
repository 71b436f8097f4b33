using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using WxPayScore.Errors;
using WxPayScore.Http;
using WxPayScore.Json;

namespace WxPayScore.ServiceOrders;

/// <summary>
/// Every partner service-order call (payscore-partner-api.md §§2–6). Requests are validated locally first;
/// answers are signature-verified before they are parsed; 200-with-body and 204 are both accepted where WeChat
/// documents either.
/// </summary>
public sealed class ServiceOrderService
{
    public const string BasePath = "/v3/payscore/partner/serviceorder";

    private readonly WeChatPayTransport transport;

    public ServiceOrderService(WeChatPayTransport transport)
    {
        this.transport = transport;
    }

    /// <summary>Validates and serialises a create request once; send it (and resend it) with <see cref="CreateAsync(ServiceOrderCreateRequest, CancellationToken)"/>.</summary>
    public static ServiceOrderCreateRequest PrepareCreate(ServiceOrderCreateOptions options)
    {
        ServiceOrderValidator.ValidateCreate(options);
        return new ServiceOrderCreateRequest(options.SubMchId, options.OutOrderNo,
            JsonSerializer.SerializeToUtf8Bytes(options, WxPayScoreJsonContext.Wire.ServiceOrderCreateOptions));
    }

    /// <summary><c>POST /v3/payscore/partner/serviceorder</c>: the answer carries <c>package</c> for the confirm page.</summary>
    public Task<ServiceOrder> CreateAsync(ServiceOrderCreateOptions options, CancellationToken cancellationToken = default) =>
        CreateAsync(PrepareCreate(options), cancellationToken);

    public async Task<ServiceOrder> CreateAsync(ServiceOrderCreateRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var response = await transport.SendAsync("serviceorder.create", HttpMethod.Post, BasePath, request.Body, cancellationToken).ConfigureAwait(false);
        return ReadOrder(response, "create");
    }

    /// <summary><c>GET /v3/payscore/partner/serviceorder?…&amp;out_order_no=…</c>.</summary>
    public Task<ServiceOrder> GetAsync(string outOrderNo, ServiceOrderGetOptions options, CancellationToken cancellationToken = default)
    {
        ServiceOrderValidator.ValidateOutOrderNo(outOrderNo);
        return QueryAsync("out_order_no", outOrderNo, options, cancellationToken);
    }

    /// <summary>
    /// Query by the <c>query_id</c> the front end got back from the Pay Score page. The <c>query_id</c> proves nothing by
    /// itself: this verified answer is what tells whether the user confirmed.
    /// </summary>
    public Task<ServiceOrder> GetByQueryIdAsync(string queryId, ServiceOrderGetOptions options, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(queryId) || queryId.Length > 512)
        {
            throw new WeChatPayValidationException("query_id", "is required and at most 512 characters.");
        }

        return QueryAsync("query_id", queryId, options, cancellationToken);
    }

    public Task<ServiceOrder?> CancelAsync(string outOrderNo, ServiceOrderCancelOptions options, CancellationToken cancellationToken = default)
    {
        ServiceOrderValidator.ValidateCancel(options);
        return PostAsync(outOrderNo, "cancel", options, WxPayScoreJsonContext.Wire.ServiceOrderCancelOptions, cancellationToken);
    }

    public Task<ServiceOrder?> CompleteAsync(string outOrderNo, ServiceOrderCompleteOptions options, CancellationToken cancellationToken = default)
    {
        ServiceOrderValidator.ValidateComplete(options);
        return PostAsync(outOrderNo, "complete", options, WxPayScoreJsonContext.Wire.ServiceOrderCompleteOptions, cancellationToken);
    }

    public Task<ServiceOrder?> ModifyAsync(string outOrderNo, ServiceOrderModifyOptions options, CancellationToken cancellationToken = default)
    {
        ServiceOrderValidator.ValidateModify(options);
        return PostAsync(outOrderNo, "modify", options, WxPayScoreJsonContext.Wire.ServiceOrderModifyOptions, cancellationToken);
    }

    /// <summary>Collect: asks Pay Score to try the deduction again; the outcome arrives later (callback or query).</summary>
    public Task<ServiceOrder?> PayAsync(string outOrderNo, ServiceOrderPayOptions options, CancellationToken cancellationToken = default)
    {
        ServiceOrderValidator.ValidatePay(options);
        return PostAsync(outOrderNo, "pay", options, WxPayScoreJsonContext.Wire.ServiceOrderPayOptions, cancellationToken);
    }

    public Task<ServiceOrder?> SyncAsync(string outOrderNo, ServiceOrderSyncOptions options, CancellationToken cancellationToken = default)
    {
        ServiceOrderValidator.ValidateSync(options);
        return PostAsync(outOrderNo, "sync", options, WxPayScoreJsonContext.Wire.ServiceOrderSyncOptions, cancellationToken);
    }

    private async Task<ServiceOrder> QueryAsync(string key, string value, ServiceOrderGetOptions options, CancellationToken cancellationToken)
    {
        ServiceOrderValidator.ValidateQuery(options);
        var path = $"{BasePath}?service_id={Uri.EscapeDataString(options.ServiceId)}&sub_mchid={Uri.EscapeDataString(options.SubMchId)}&{key}={Uri.EscapeDataString(value)}";
        var response = await transport.SendAsync("serviceorder.query", HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false);
        return ReadOrder(response, "query");
    }

    private async Task<ServiceOrder?> PostAsync<T>(string outOrderNo, string action, T options, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        ServiceOrderValidator.ValidateOutOrderNo(outOrderNo);
        var body = JsonSerializer.SerializeToUtf8Bytes(options, typeInfo);
        var path = $"{BasePath}/{Uri.EscapeDataString(outOrderNo)}/{action}";
        var response = await transport.SendAsync("serviceorder." + action, HttpMethod.Post, path, body, cancellationToken).ConfigureAwait(false);
        return response.HasBody ? ReadOrder(response, action) : null;
    }

    private static ServiceOrder ReadOrder(WeChatPayResponse response, string action)
    {
        if (!response.HasBody)
        {
            throw new WeChatPayException($"WeChat Pay answered {(int)response.StatusCode} without a body to {action}, where an order was expected.") { RequestId = response.RequestId };
        }

        try
        {
            return JsonSerializer.Deserialize(response.Body, WxPayScoreJsonContext.Wire.ServiceOrder)
                ?? throw new WeChatPayException($"WeChat Pay answered null to {action}.") { RequestId = response.RequestId };
        }
        catch (JsonException ex)
        {
            throw new WeChatPayException($"WeChat Pay's answer to {action} is not a service order: {ex.Message}", ex) { RequestId = response.RequestId };
        }
    }
}
