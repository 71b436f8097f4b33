using System.Text;
using System.Text.RegularExpressions;
using WxPayScore.Sandbox.Api;
using WxPayScore.Sandbox.Orders.Wire;

namespace WxPayScore.Sandbox.Refunds.Wire;

/// <summary>
/// Turns a refund request into the sandbox's wire record the way WeChat reads it (refunds.md §3.1, §6, §10.11): a JSON
/// object of known fields of the right types, then each field's rule (<c>PARAM_ERROR</c> naming it). Business rules
/// that need the transaction or earlier refunds belong to <see cref="RefundRules"/>.
/// </summary>
internal static partial class RefundDecoder
{
    public static RefundCreateRequest Create(ReadOnlyMemory<byte> body)
    {
        var request = RequestBody.Read(body, RefundWireJsonContext.Default.RefundCreateRequest);
        FieldRules.Required(request.SubMchId, "/sub_mchid", 32);
        FieldRules.Optional(request.TransactionId, "/transaction_id", 32);
        FieldRules.Optional(request.OutTradeNo, "/out_trade_no", 32);
        if (string.IsNullOrEmpty(request.TransactionId) && string.IsNullOrEmpty(request.OutTradeNo))
        {
            throw FieldRules.Invalid("/transaction_id", "transaction_id和out_trade_no必须填写其中一个");
        }

        OutRefundNo(request.OutRefundNo, "/out_refund_no", "body");
        if (request.Reason is { } reason && Encoding.UTF8.GetByteCount(reason) > 80)
        {
            throw FieldRules.Invalid("/reason", "长度不能超过80字节", reason);
        }

        if (request.NotifyUrl is not null)
        {
            FieldRules.NotifyUrl(request.NotifyUrl);
        }

        if (request.FundsAccount is not (null or "AVAILABLE" or "UNSETTLED"))
        {
            throw FieldRules.Invalid("/funds_account", "取值只能是AVAILABLE或UNSETTLED", request.FundsAccount);
        }

        var amount = request.Amount ?? throw FieldRules.Missing("/amount");
        if (amount.Refund is null)
        {
            throw FieldRules.Missing("/amount/refund");
        }

        if (amount.Total is null)
        {
            throw FieldRules.Missing("/amount/total");
        }

        if (amount.Refund < 1)
        {
            throw FieldRules.Invalid("/amount/refund", "退款金额必须大于0", amount.Refund.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (amount.Total < 1)
        {
            throw FieldRules.Invalid("/amount/total", "原订单金额必须大于0", amount.Total.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (amount.Currency is null)
        {
            throw FieldRules.Missing("/amount/currency");
        }

        if (amount.Currency != "CNY")
        {
            throw FieldRules.Invalid("/amount/currency", "币种只支持CNY", amount.Currency);
        }

        From(amount);
        for (var i = 0; i < (request.GoodsDetail?.Count ?? 0); i++)
        {
            var goods = request.GoodsDetail![i] ?? throw FieldRules.Missing($"/goods_detail/{i}");
            FieldRules.Required(goods.MerchantGoodsId, $"/goods_detail/{i}/merchant_goods_id", 32);
            if (goods.RefundQuantity is null or < 1)
            {
                throw FieldRules.Invalid($"/goods_detail/{i}/refund_quantity", "必须大于0");
            }
        }

        return request;
    }

    public static AbnormalRefundRequest Abnormal(ReadOnlyMemory<byte> body, string? wechatpaySerial)
    {
        var request = RequestBody.Read(body, RefundWireJsonContext.Default.AbnormalRefundRequest);
        FieldRules.Required(request.SubMchId, "/sub_mchid", 32);
        OutRefundNo(request.OutRefundNo, "/out_refund_no", "body");
        switch (request.Type)
        {
            case null:
                throw FieldRules.Missing("/type");
            case "USER_BANK_CARD":
                FieldRules.Required(request.BankType, "/bank_type", 16);
                if (!DebitBank().IsMatch(request.BankType!))
                {
                    throw FieldRules.Invalid("/bank_type", "只支持借记卡", request.BankType);
                }

                FieldRules.Required(request.BankAccount, "/bank_account", 1024);
                FieldRules.Required(request.RealName, "/real_name", 1024);
                if (string.IsNullOrEmpty(wechatpaySerial))
                {
                    throw WeChatErrors.Param("Wechatpay-Serial", "加密字段需要Wechatpay-Serial", location: "header",
                        message: "Http头缺少Wechatpay-Serial，敏感字段加密时必须指定所用的微信支付公钥或平台证书");
                }

                break;
            case "MERCHANT_BANK_CARD":
                break;
            default:
                throw FieldRules.Invalid("/type", "取值只能是USER_BANK_CARD或MERCHANT_BANK_CARD", request.Type);
        }

        return request;
    }

    /// <summary>A query's <c>{out_refund_no}</c> (path) and <c>sub_mchid</c> (query, required in partner mode, §10.9).</summary>
    public static void Query(string outRefundNo, string? subMchId)
    {
        OutRefundNo(outRefundNo, "out_refund_no", "path");
        FieldRules.Required(subMchId, "sub_mchid", 32, "query");
    }

    public static void OutRefundNo(string? value, string pointer, string location)
    {
        FieldRules.Required(value, pointer, 64, location);
        if (!OutRefundNoPattern().IsMatch(value!))
        {
            throw FieldRules.Invalid(pointer, "只能是数字、大小写字母_-|*@，1-64字节", value, location);
        }
    }

    private static void From(RefundAmountRequest amount)
    {
        if (amount.From is not { Count: > 0 } from)
        {
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        long sum = 0;
        for (var i = 0; i < from.Count; i++)
        {
            var source = from[i] ?? throw FieldRules.Missing($"/amount/from/{i}");
            if (source.Account is not ("AVAILABLE" or "UNAVAILABLE") || !seen.Add(source.Account))
            {
                throw FieldRules.Invalid($"/amount/from/{i}/account", "取值只能是AVAILABLE或UNAVAILABLE，且不能重复", source.Account);
            }

            if (source.Amount is null or < 1)
            {
                throw FieldRules.Invalid($"/amount/from/{i}/amount", "必须大于0");
            }

            sum += source.Amount.Value;
        }

        if (sum != amount.Refund)
        {
            throw FieldRules.Invalid("/amount/from", "出资金额之和必须等于退款金额");
        }
    }

    [GeneratedRegex(@"^[0-9A-Za-z_\-|*@]{1,64}$")]
    private static partial Regex OutRefundNoPattern();

    [GeneratedRegex(@"^[A-Z]{2,10}_DEBIT$")]
    private static partial Regex DebitBank();
}
