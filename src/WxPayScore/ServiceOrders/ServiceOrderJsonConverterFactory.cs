using System.Text.Json;
using System.Text.Json.Serialization;
using WxPayScore.ServiceOrders.Json;

namespace WxPayScore.ServiceOrders;

/// <summary>
/// The JSON converter of <see cref="ServiceOrder"/> and of the records inside it (fee and discount lines, risk fund, time
/// range, location, collection, promotions), named on each of them with <see cref="JsonConverterAttribute"/>: every
/// reader of an order — answers, callbacks, an application's own source-generated context — reads it the same way.
/// Public so that such contexts in other assemblies can create it. The converters write and read WeChat's wire names and
/// rules (snake_case, nulls omitted, unknown fields skipped, numbers as JSON numbers) whatever the naming policy, number
/// handling or case-insensitivity of the options they are used with; the writer's encoder is the options' one.
/// </summary>
public sealed class ServiceOrderJsonConverterFactory : JsonConverterFactory
{
    /// <inheritdoc/>
    public override bool CanConvert(Type typeToConvert) => Find(typeToConvert) is not null;

    /// <inheritdoc/>
    public override JsonConverter? CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        Find(typeToConvert) ?? throw new ArgumentException($"{typeToConvert} is not a service-order record.", nameof(typeToConvert));

    private static JsonConverter? Find(Type type) =>
        type == typeof(ServiceOrder) ? OrderConverters.Order :
        type == typeof(PostPayment) ? OrderConverters.PostPayment :
        type == typeof(PostDiscount) ? OrderConverters.PostDiscount :
        type == typeof(RiskFund) ? OrderConverters.RiskFund :
        type == typeof(TimeRange) ? OrderConverters.TimeRange :
        type == typeof(Location) ? OrderConverters.Location :
        type == typeof(CollectionInfo) ? OrderConverters.Collection :
        type == typeof(CollectionDetail) ? OrderConverters.CollectionDetail :
        type == typeof(Promotion) ? OrderConverters.Promotion :
        type == typeof(PromotionGoods) ? OrderConverters.PromotionGoods :
        null;
}
