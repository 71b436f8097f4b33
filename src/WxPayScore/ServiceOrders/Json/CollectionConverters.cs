using System.Text.Json;
using System.Text.Json.Serialization;

namespace WxPayScore.ServiceOrders.Json;

/// <summary>Collection information (<c>collection</c>).</summary>
internal sealed class CollectionInfoConverter : JsonConverter<CollectionInfo>
{
    public override CollectionInfo Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        WireJson.ExpectObject(ref reader, typeof(CollectionInfo));
        string? state = null, bankType = null;
        long? totalAmount = null, payingAmount = null, paidAmount = null;
        IReadOnlyList<CollectionDetail>? details = null;
        while (WireJson.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("state"u8)) { state = WireJson.String(ref reader); }
            else if (reader.ValueTextEquals("total_amount"u8)) { totalAmount = WireJson.Int64(ref reader); }
            else if (reader.ValueTextEquals("paying_amount"u8)) { payingAmount = WireJson.Int64(ref reader); }
            else if (reader.ValueTextEquals("paid_amount"u8)) { paidAmount = WireJson.Int64(ref reader); }
            else if (reader.ValueTextEquals("details"u8)) { details = WireJson.List(ref reader, OrderConverters.CollectionDetail, options); }
            else if (reader.ValueTextEquals("bank_type"u8)) { bankType = WireJson.String(ref reader); }
            else { reader.Skip(); }
        }

        return new CollectionInfo
        {
            State = state, TotalAmount = totalAmount, PayingAmount = payingAmount, PaidAmount = paidAmount, Details = details, BankType = bankType,
        };
    }

    public override void Write(Utf8JsonWriter writer, CollectionInfo value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        WireJson.Write(writer, "state"u8, value.State);
        WireJson.Write(writer, "total_amount"u8, value.TotalAmount);
        WireJson.Write(writer, "paying_amount"u8, value.PayingAmount);
        WireJson.Write(writer, "paid_amount"u8, value.PaidAmount);
        WireJson.Write(writer, "details"u8, value.Details, OrderConverters.CollectionDetail, options);
        WireJson.Write(writer, "bank_type"u8, value.BankType);
        writer.WriteEndObject();
    }
}

/// <summary>One collection record (<c>collection.details[]</c>); <c>seq</c> and <c>amount</c> are numbers, never null.</summary>
internal sealed class CollectionDetailConverter : JsonConverter<CollectionDetail>
{
    public override CollectionDetail Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        WireJson.ExpectObject(ref reader, typeof(CollectionDetail));
        var seq = 0;
        long amount = 0;
        string? paidType = null, paidTime = null, transactionId = null;
        IReadOnlyList<Promotion>? promotionDetail = null;
        while (WireJson.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("seq"u8)) { reader.Read(); seq = reader.GetInt32(); }
            else if (reader.ValueTextEquals("amount"u8)) { reader.Read(); amount = reader.GetInt64(); }
            else if (reader.ValueTextEquals("paid_type"u8)) { paidType = WireJson.String(ref reader); }
            else if (reader.ValueTextEquals("paid_time"u8)) { paidTime = WireJson.String(ref reader); }
            else if (reader.ValueTextEquals("transaction_id"u8)) { transactionId = WireJson.String(ref reader); }
            else if (reader.ValueTextEquals("promotion_detail"u8)) { promotionDetail = WireJson.List(ref reader, OrderConverters.Promotion, options); }
            else { reader.Skip(); }
        }

        return new CollectionDetail
        {
            Seq = seq, Amount = amount, PaidType = paidType, PaidTime = paidTime, TransactionId = transactionId, PromotionDetail = promotionDetail,
        };
    }

    public override void Write(Utf8JsonWriter writer, CollectionDetail value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteNumber("seq"u8, value.Seq);
        writer.WriteNumber("amount"u8, value.Amount);
        WireJson.Write(writer, "paid_type"u8, value.PaidType);
        WireJson.Write(writer, "paid_time"u8, value.PaidTime);
        WireJson.Write(writer, "transaction_id"u8, value.TransactionId);
        WireJson.Write(writer, "promotion_detail"u8, value.PromotionDetail, OrderConverters.Promotion, options);
        writer.WriteEndObject();
    }
}

/// <summary>A coupon applied to a collection (<c>promotion_detail[]</c>).</summary>
internal sealed class PromotionConverter : JsonConverter<Promotion>
{
    public override Promotion Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        WireJson.ExpectObject(ref reader, typeof(Promotion));
        string? couponId = null, name = null, scope = null, type = null, stockId = null, currency = null;
        long? amount = null, wechatpayContribute = null, merchantContribute = null, otherContribute = null;
        IReadOnlyList<PromotionGoods>? goodsDetail = null;
        while (WireJson.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("coupon_id"u8)) { couponId = WireJson.String(ref reader); }
            else if (reader.ValueTextEquals("name"u8)) { name = WireJson.String(ref reader); }
            else if (reader.ValueTextEquals("scope"u8)) { scope = WireJson.String(ref reader); }
            else if (reader.ValueTextEquals("type"u8)) { type = WireJson.String(ref reader); }
            else if (reader.ValueTextEquals("amount"u8)) { amount = WireJson.Int64(ref reader); }
            else if (reader.ValueTextEquals("stock_id"u8)) { stockId = WireJson.String(ref reader); }
            else if (reader.ValueTextEquals("wechatpay_contribute"u8)) { wechatpayContribute = WireJson.Int64(ref reader); }
            else if (reader.ValueTextEquals("merchant_contribute"u8)) { merchantContribute = WireJson.Int64(ref reader); }
            else if (reader.ValueTextEquals("other_contribute"u8)) { otherContribute = WireJson.Int64(ref reader); }
            else if (reader.ValueTextEquals("currency"u8)) { currency = WireJson.String(ref reader); }
            else if (reader.ValueTextEquals("goods_detail"u8)) { goodsDetail = WireJson.List(ref reader, OrderConverters.PromotionGoods, options); }
            else { reader.Skip(); }
        }

        return new Promotion
        {
            CouponId = couponId, Name = name, Scope = scope, Type = type, Amount = amount, StockId = stockId,
            WechatpayContribute = wechatpayContribute, MerchantContribute = merchantContribute, OtherContribute = otherContribute,
            Currency = currency, GoodsDetail = goodsDetail,
        };
    }

    public override void Write(Utf8JsonWriter writer, Promotion value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        WireJson.Write(writer, "coupon_id"u8, value.CouponId);
        WireJson.Write(writer, "name"u8, value.Name);
        WireJson.Write(writer, "scope"u8, value.Scope);
        WireJson.Write(writer, "type"u8, value.Type);
        WireJson.Write(writer, "amount"u8, value.Amount);
        WireJson.Write(writer, "stock_id"u8, value.StockId);
        WireJson.Write(writer, "wechatpay_contribute"u8, value.WechatpayContribute);
        WireJson.Write(writer, "merchant_contribute"u8, value.MerchantContribute);
        WireJson.Write(writer, "other_contribute"u8, value.OtherContribute);
        WireJson.Write(writer, "currency"u8, value.Currency);
        WireJson.Write(writer, "goods_detail"u8, value.GoodsDetail, OrderConverters.PromotionGoods, options);
        writer.WriteEndObject();
    }
}

/// <summary>A goods line of a coupon (<c>goods_detail[]</c>).</summary>
internal sealed class PromotionGoodsConverter : JsonConverter<PromotionGoods>
{
    public override PromotionGoods Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        WireJson.ExpectObject(ref reader, typeof(PromotionGoods));
        string? goodsId = null, goodsRemark = null;
        int? quantity = null;
        long? unitPrice = null, discountAmount = null;
        while (WireJson.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("goods_id"u8)) { goodsId = WireJson.String(ref reader); }
            else if (reader.ValueTextEquals("quantity"u8)) { quantity = WireJson.Int32(ref reader); }
            else if (reader.ValueTextEquals("unit_price"u8)) { unitPrice = WireJson.Int64(ref reader); }
            else if (reader.ValueTextEquals("discount_amount"u8)) { discountAmount = WireJson.Int64(ref reader); }
            else if (reader.ValueTextEquals("goods_remark"u8)) { goodsRemark = WireJson.String(ref reader); }
            else { reader.Skip(); }
        }

        return new PromotionGoods { GoodsId = goodsId, Quantity = quantity, UnitPrice = unitPrice, DiscountAmount = discountAmount, GoodsRemark = goodsRemark };
    }

    public override void Write(Utf8JsonWriter writer, PromotionGoods value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        WireJson.Write(writer, "goods_id"u8, value.GoodsId);
        WireJson.Write(writer, "quantity"u8, value.Quantity);
        WireJson.Write(writer, "unit_price"u8, value.UnitPrice);
        WireJson.Write(writer, "discount_amount"u8, value.DiscountAmount);
        WireJson.Write(writer, "goods_remark"u8, value.GoodsRemark);
        writer.WriteEndObject();
    }
}
