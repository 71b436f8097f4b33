using WxPayScore.Sandbox.Api;

namespace WxPayScore.Sandbox.Orders.Wire;

/// <summary>
/// Turns a request body into the sandbox's own wire record, the way WeChat reads it: a JSON object, only fields the spec
/// names, values of the right JSON type, then the <see cref="FieldRules"/> of that endpoint. Business rules that need
/// the order or the service (state, risk cap, time against the clock) belong to <see cref="OrderStateMachine"/>.
/// </summary>
internal static class RequestDecoder
{
    public static CreateRequest Create(ReadOnlyMemory<byte> body)
    {
        var request = RequestBody.Read(body, WireJsonContext.Default.CreateRequest);
        FieldRules.Required(request.ServiceId, "/service_id", 32);
        FieldRules.Required(request.AppId, "/appid", 32);
        FieldRules.Required(request.SubMchId, "/sub_mchid", 32);
        FieldRules.Optional(request.SubAppId, "/sub_appid", 32);
        FieldRules.OutOrderNo(request.OutOrderNo);
        FieldRules.Required(request.ServiceIntroduction, "/service_introduction", 20);
        FieldRules.Payments(request.PostPayments, required: false);
        FieldRules.Discounts(request.PostDiscounts);
        FieldRules.RiskFund(request.RiskFund);
        if (request.TimeRange is null)
        {
            throw FieldRules.Missing("/time_range");
        }

        if (request.TimeRange.StartTime is null)
        {
            throw FieldRules.Missing("/time_range/start_time");
        }

        WireTimes.Range(request.TimeRange);
        FieldRules.Location(request.Location);
        FieldRules.Optional(request.Attach, "/attach", 256);
        FieldRules.NotifyUrl(request.NotifyUrl);
        FieldRules.Optional(request.OpenId, "/openid", 128);
        FieldRules.Optional(request.SubOpenId, "/sub_openid", 128);
        if (request.SubOpenId is not null && request.SubAppId is null)
        {
            throw FieldRules.Invalid("/sub_openid", "填写sub_openid时必须填写sub_appid");
        }

        if (request.NeedUserConfirm == false)
        {
            if ((request.OpenId is null) == (request.SubOpenId is null))
            {
                throw FieldRules.Invalid("/openid", "免确认模式下openid与sub_openid必须且只能传其中一个");
            }
        }
        else if (request.OpenId is not null || request.SubOpenId is not null)
        {
            throw FieldRules.Invalid("/openid", "需确认模式下不能传openid或sub_openid");
        }

        FieldRules.Device(request.Device);
        return request;
    }

    public static CancelRequest Cancel(ReadOnlyMemory<byte> body)
    {
        var request = RequestBody.Read(body, WireJsonContext.Default.CancelRequest);
        Common(request.ServiceId, request.SubMchId);
        FieldRules.Required(request.Reason, "/reason", 50);
        return request;
    }

    public static CompleteRequest Complete(ReadOnlyMemory<byte> body)
    {
        var request = RequestBody.Read(body, WireJsonContext.Default.CompleteRequest);
        Common(request.ServiceId, request.SubMchId);
        FieldRules.Payments(request.PostPayments, required: true);
        FieldRules.Discounts(request.PostDiscounts);
        FieldRules.Total(request.TotalAmount, request.PostPayments, request.PostDiscounts);
        if (request.TimeRange is { } range)
        {
            WireTimes.Range(range);
        }

        FieldRules.Location(request.Location);
        FieldRules.Optional(request.CompleteTime, "/complete_time", 64);
        if (request.CompleteTime is { } completeTime && !DateTimeOffset.TryParse(completeTime, System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.None, out _))
        {
            throw FieldRules.Invalid("/complete_time", "必须是RFC 3339格式的时间", completeTime);
        }

        FieldRules.Optional(request.GoodsTag, "/goods_tag", 32);
        FieldRules.Device(request.Device);
        return request;
    }

    public static ModifyRequest Modify(ReadOnlyMemory<byte> body)
    {
        var request = RequestBody.Read(body, WireJsonContext.Default.ModifyRequest);
        Common(request.ServiceId, request.SubMchId);
        FieldRules.Payments(request.PostPayments, required: true);
        FieldRules.Discounts(request.PostDiscounts);
        FieldRules.Total(request.TotalAmount, request.PostPayments, request.PostDiscounts);
        FieldRules.Required(request.Reason, "/reason", 50);
        FieldRules.Device(request.Device);
        return request;
    }

    public static PayRequest Pay(ReadOnlyMemory<byte> body)
    {
        var request = RequestBody.Read(body, WireJsonContext.Default.PayRequest);
        Common(request.ServiceId, request.SubMchId);
        return request;
    }

    public static SyncRequest Sync(ReadOnlyMemory<byte> body)
    {
        var request = RequestBody.Read(body, WireJsonContext.Default.SyncRequest);
        Common(request.ServiceId, request.SubMchId);
        FieldRules.Required(request.Type, "/type", 32);
        if (request.Type != "Order_Paid")
        {
            throw FieldRules.Invalid("/type", "取值只能为Order_Paid", request.Type);
        }

        if (request.Detail is null)
        {
            throw FieldRules.Missing("/detail");
        }

        FieldRules.Required(request.Detail.PaidTime, "/detail/paid_time", 64);
        WireTimes.Parse(request.Detail.PaidTime!, "/detail/paid_time", allowOnAccept: false);
        return request;
    }

    /// <summary>The query string of <c>GET /v3/payscore/partner/serviceorder</c> (§3): sub_mchid, and exactly one well-formed identifier.</summary>
    public static void Query(string? serviceId, string? subMchId, string? outOrderNo, string? queryId)
    {
        FieldRules.Optional(serviceId, "service_id", 32, "query");
        if (string.IsNullOrEmpty(subMchId))
        {
            throw WeChatErrors.Param("sub_mchid", "此字段为必填项", location: "query", message: "缺少参数sub_mchid");
        }

        FieldRules.Optional(subMchId, "sub_mchid", 32, "query");
        if (string.IsNullOrEmpty(outOrderNo) == string.IsNullOrEmpty(queryId))
        {
            throw WeChatErrors.Param("out_order_no", "out_order_no与query_id必须且只能传其中一个", location: "query",
                message: "out_order_no与query_id必须且只能传其中一个");
        }

        if (!string.IsNullOrEmpty(outOrderNo))
        {
            FieldRules.OutOrderNo(outOrderNo, "out_order_no", "query");
        }
        else
        {
            FieldRules.QueryId(queryId);
        }
    }

    /// <summary>The <c>{out_order_no}</c> of an action path (already percent-decoded by routing).</summary>
    public static void PathOutOrderNo(string outOrderNo) => FieldRules.OutOrderNo(outOrderNo, "out_order_no", "path");

    private static void Common(string? serviceId, string? subMchId)
    {
        FieldRules.Required(serviceId, "/service_id", 32);
        FieldRules.Required(subMchId, "/sub_mchid", 32);
    }
}
