using System.Text.Json;
using System.Text.Json.Serialization;

namespace WxPayScore.ServiceOrders.Json;

/// <summary>
/// Reads and writes <see cref="ServiceOrder"/> (fields in declaration order, as the source generator wrote them) without the
/// generated reader's per-object argument state: the records are init-only, which makes the generated reader collect
/// every value into a boxed argument array before constructing (see docs/performance.md, whole calls).
/// </summary>
internal sealed class ServiceOrderConverter : JsonConverter<ServiceOrder>
{
    public override ServiceOrder Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        WireJson.ExpectObject(ref reader, typeof(ServiceOrder));
        string? outOrderNo = null, serviceId = null, appId = null, mchId = null, subAppId = null, subMchId = null;
        string? serviceIntroduction = null, state = null, stateDescription = null, attach = null, notifyUrl = null;
        string? openId = null, subOpenId = null, orderId = null, package = null;
        IReadOnlyList<PostPayment>? postPayments = null;
        IReadOnlyList<PostDiscount>? postDiscounts = null;
        RiskFund? riskFund = null;
        long? totalAmount = null;
        bool? needCollection = null;
        CollectionInfo? collection = null;
        TimeRange? timeRange = null;
        Location? location = null;
        while (WireJson.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("out_order_no"u8)) { outOrderNo = WireJson.String(ref reader); }
            else if (reader.ValueTextEquals("service_id"u8)) { serviceId = WireJson.String(ref reader); }
            else if (reader.ValueTextEquals("appid"u8)) { appId = WireJson.String(ref reader); }
            else if (reader.ValueTextEquals("mchid"u8)) { mchId = WireJson.String(ref reader); }
            else if (reader.ValueTextEquals("sub_appid"u8)) { subAppId = WireJson.String(ref reader); }
            else if (reader.ValueTextEquals("sub_mchid"u8)) { subMchId = WireJson.String(ref reader); }
            else if (reader.ValueTextEquals("service_introduction"u8)) { serviceIntroduction = WireJson.String(ref reader); }
            else if (reader.ValueTextEquals("state"u8)) { state = WireJson.String(ref reader); }
            else if (reader.ValueTextEquals("state_description"u8)) { stateDescription = WireJson.String(ref reader); }
            else if (reader.ValueTextEquals("post_payments"u8)) { postPayments = WireJson.List(ref reader, OrderConverters.PostPayment, options); }
            else if (reader.ValueTextEquals("post_discounts"u8)) { postDiscounts = WireJson.List(ref reader, OrderConverters.PostDiscount, options); }
            else if (reader.ValueTextEquals("risk_fund"u8)) { riskFund = WireJson.Object(ref reader, OrderConverters.RiskFund, options); }
            else if (reader.ValueTextEquals("total_amount"u8)) { totalAmount = WireJson.Int64(ref reader); }
            else if (reader.ValueTextEquals("need_collection"u8)) { needCollection = WireJson.Boolean(ref reader); }
            else if (reader.ValueTextEquals("collection"u8)) { collection = WireJson.Object(ref reader, OrderConverters.Collection, options); }
            else if (reader.ValueTextEquals("time_range"u8)) { timeRange = WireJson.Object(ref reader, OrderConverters.TimeRange, options); }
            else if (reader.ValueTextEquals("location"u8)) { location = WireJson.Object(ref reader, OrderConverters.Location, options); }
            else if (reader.ValueTextEquals("attach"u8)) { attach = WireJson.String(ref reader); }
            else if (reader.ValueTextEquals("notify_url"u8)) { notifyUrl = WireJson.String(ref reader); }
            else if (reader.ValueTextEquals("openid"u8)) { openId = WireJson.String(ref reader); }
            else if (reader.ValueTextEquals("sub_openid"u8)) { subOpenId = WireJson.String(ref reader); }
            else if (reader.ValueTextEquals("order_id"u8)) { orderId = WireJson.String(ref reader); }
            else if (reader.ValueTextEquals("package"u8)) { package = WireJson.String(ref reader); }
            else { reader.Skip(); }
        }

        return new ServiceOrder
        {
            OutOrderNo = outOrderNo, ServiceId = serviceId, AppId = appId, MchId = mchId, SubAppId = subAppId, SubMchId = subMchId,
            ServiceIntroduction = serviceIntroduction, State = state, StateDescription = stateDescription,
            PostPayments = postPayments, PostDiscounts = postDiscounts, RiskFund = riskFund, TotalAmount = totalAmount,
            NeedCollection = needCollection, Collection = collection, TimeRange = timeRange, Location = location,
            Attach = attach, NotifyUrl = notifyUrl, OpenId = openId, SubOpenId = subOpenId, OrderId = orderId, Package = package,
        };
    }

    public override void Write(Utf8JsonWriter writer, ServiceOrder value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        WireJson.Write(writer, "out_order_no"u8, value.OutOrderNo);
        WireJson.Write(writer, "service_id"u8, value.ServiceId);
        WireJson.Write(writer, "appid"u8, value.AppId);
        WireJson.Write(writer, "mchid"u8, value.MchId);
        WireJson.Write(writer, "sub_appid"u8, value.SubAppId);
        WireJson.Write(writer, "sub_mchid"u8, value.SubMchId);
        WireJson.Write(writer, "service_introduction"u8, value.ServiceIntroduction);
        WireJson.Write(writer, "state"u8, value.State);
        WireJson.Write(writer, "state_description"u8, value.StateDescription);
        WireJson.Write(writer, "post_payments"u8, value.PostPayments, OrderConverters.PostPayment, options);
        WireJson.Write(writer, "post_discounts"u8, value.PostDiscounts, OrderConverters.PostDiscount, options);
        WireJson.Write(writer, "risk_fund"u8, value.RiskFund, OrderConverters.RiskFund, options);
        WireJson.Write(writer, "total_amount"u8, value.TotalAmount);
        WireJson.Write(writer, "need_collection"u8, value.NeedCollection);
        WireJson.Write(writer, "collection"u8, value.Collection, OrderConverters.Collection, options);
        WireJson.Write(writer, "time_range"u8, value.TimeRange, OrderConverters.TimeRange, options);
        WireJson.Write(writer, "location"u8, value.Location, OrderConverters.Location, options);
        WireJson.Write(writer, "attach"u8, value.Attach);
        WireJson.Write(writer, "notify_url"u8, value.NotifyUrl);
        WireJson.Write(writer, "openid"u8, value.OpenId);
        WireJson.Write(writer, "sub_openid"u8, value.SubOpenId);
        WireJson.Write(writer, "order_id"u8, value.OrderId);
        WireJson.Write(writer, "package"u8, value.Package);
        writer.WriteEndObject();
    }
}
