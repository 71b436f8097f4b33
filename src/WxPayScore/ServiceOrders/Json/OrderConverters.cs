namespace WxPayScore.ServiceOrders.Json;

/// <summary>The one converter of each record of a service order; the converters of a record call those of its parts.</summary>
internal static class OrderConverters
{
    public static readonly ServiceTimeJsonConverter Time = new();
    public static readonly ServiceOrderConverter Order = new();
    public static readonly PostPaymentConverter PostPayment = new();
    public static readonly PostDiscountConverter PostDiscount = new();
    public static readonly RiskFundConverter RiskFund = new();
    public static readonly TimeRangeConverter TimeRange = new();
    public static readonly LocationConverter Location = new();
    public static readonly CollectionInfoConverter Collection = new();
    public static readonly CollectionDetailConverter CollectionDetail = new();
    public static readonly PromotionConverter Promotion = new();
    public static readonly PromotionGoodsConverter PromotionGoods = new();
}
