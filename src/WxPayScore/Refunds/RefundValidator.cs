using System.Text;
using System.Text.RegularExpressions;
using WxPayScore.Errors;

namespace WxPayScore.Refunds;

/// <summary>
/// The checks WeChat applies to refund requests (refunds.md §§3–6, §10.11), run before sending so that a mistake names
/// its field. <c>out_refund_no</c> and <c>reason</c> are limited in UTF-8 bytes, as the documentation says ("字节").
/// </summary>
internal static partial class RefundValidator
{
    public const int MaxOutRefundNoBytes = 64;
    public const int MaxReasonBytes = 80;
    public const string Currency = "CNY";

    public static void ValidateOutRefundNo(string? outRefundNo)
    {
        if (string.IsNullOrEmpty(outRefundNo))
        {
            throw new WeChatPayValidationException("out_refund_no", "is required.");
        }

        if (!OutRefundNoPattern().IsMatch(outRefundNo))
        {
            throw new WeChatPayValidationException("out_refund_no", "must be 1-64 bytes of 0-9, A-Z, a-z, _, -, |, * or @.");
        }
    }

    public static void ValidateCreate(RefundCreateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Required(options.SubMchId, "sub_mchid", 32);
        if ((options.TransactionId is null) == (options.OutTradeNo is null))
        {
            throw new WeChatPayValidationException("transaction_id", "exactly one of transaction_id and out_trade_no is required (for Pay Score: the collection detail's transaction_id).");
        }

        Optional(options.TransactionId, "transaction_id", 32);
        Optional(options.OutTradeNo, "out_trade_no", 32);
        ValidateOutRefundNo(options.OutRefundNo);
        if (options.Reason is { } reason && Encoding.UTF8.GetByteCount(reason) > MaxReasonBytes)
        {
            throw new WeChatPayValidationException("reason", $"is {Encoding.UTF8.GetByteCount(reason)} bytes of UTF-8; at most {MaxReasonBytes} (a Chinese character is 3 bytes).");
        }

        ValidateNotifyUrl(options.NotifyUrl);
        if (options.FundsAccount is not (null or "AVAILABLE" or "UNSETTLED"))
        {
            throw new WeChatPayValidationException("funds_account", $"'{options.FundsAccount}' is not AVAILABLE or UNSETTLED.");
        }

        ValidateAmount(options.Amount);
        ValidateGoods(options.GoodsDetail);
    }

    public static void ValidateQuery(string outRefundNo, RefundGetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ValidateOutRefundNo(outRefundNo);
        Required(options.SubMchId, "sub_mchid", 32);
    }

    public static void ValidateApplyAbnormal(string refundId, RefundApplyAbnormalOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Required(refundId, "refund_id", 32);
        Required(options.SubMchId, "sub_mchid", 32);
        ValidateOutRefundNo(options.OutRefundNo);
        switch (options.Type)
        {
            case AbnormalRefundTypes.UserBankCard:
                Required(options.BankType, "bank_type", 16);
                if (!DebitBankPattern().IsMatch(options.BankType!))
                {
                    throw new WeChatPayValidationException("bank_type", $"'{options.BankType}' is not a debit-card bank type such as ICBC_DEBIT (credit cards are not allowed).");
                }

                Required(options.BankAccount, "bank_account", 64);
                Required(options.RealName, "real_name", 64);
                break;
            case AbnormalRefundTypes.MerchantBankCard:
                if (options.BankType is not null || options.BankAccount is not null || options.RealName is not null)
                {
                    throw new WeChatPayValidationException(options.BankType is not null ? "bank_type" : options.BankAccount is not null ? "bank_account" : "real_name",
                        "is sent only with type USER_BANK_CARD.");
                }

                break;
            default:
                throw new WeChatPayValidationException("type", $"'{options.Type}' is not USER_BANK_CARD or MERCHANT_BANK_CARD.");
        }
    }

    private static void ValidateAmount(RefundAmountOptions? amount)
    {
        if (amount is null)
        {
            throw new WeChatPayValidationException("amount", "is required.");
        }

        if (amount.Refund < 1)
        {
            throw new WeChatPayValidationException("amount.refund", "must be ≥ 1 (fen).");
        }

        if (amount.Total < 1)
        {
            throw new WeChatPayValidationException("amount.total", "must be ≥ 1 (fen): the original transaction's total.");
        }

        if (amount.Refund > amount.Total)
        {
            throw new WeChatPayValidationException("amount.refund", $"{amount.Refund} exceeds the transaction total {amount.Total}.");
        }

        if (amount.Currency != Currency)
        {
            throw new WeChatPayValidationException("amount.currency", $"must be {Currency}; got '{amount.Currency}'.");
        }

        if (amount.From is not { Count: > 0 } from)
        {
            return;
        }

        var accounts = new HashSet<string>(StringComparer.Ordinal);
        long sum = 0;
        for (var i = 0; i < from.Count; i++)
        {
            var source = from[i] ?? throw new WeChatPayValidationException($"amount.from[{i}]", "is null.");
            if (source.Account is not ("AVAILABLE" or "UNAVAILABLE"))
            {
                throw new WeChatPayValidationException($"amount.from[{i}].account", $"'{source.Account}' is not AVAILABLE or UNAVAILABLE.");
            }

            if (!accounts.Add(source.Account))
            {
                throw new WeChatPayValidationException($"amount.from[{i}].account", $"'{source.Account}' is given twice.");
            }

            if (source.Amount < 1)
            {
                throw new WeChatPayValidationException($"amount.from[{i}].amount", "must be ≥ 1 (fen).");
            }

            sum += source.Amount;
        }

        if (sum != amount.Refund)
        {
            throw new WeChatPayValidationException("amount.from", $"adds up to {sum}; it must equal amount.refund {amount.Refund}.");
        }
    }

    private static void ValidateGoods(IReadOnlyList<RefundGoodsDetail>? goods)
    {
        if (goods is null)
        {
            return;
        }

        for (var i = 0; i < goods.Count; i++)
        {
            var item = goods[i] ?? throw new WeChatPayValidationException($"goods_detail[{i}]", "is null.");
            if (string.IsNullOrEmpty(item.MerchantGoodsId) || item.MerchantGoodsId.Length > 32)
            {
                throw new WeChatPayValidationException($"goods_detail[{i}].merchant_goods_id", "is required and at most 32 characters.");
            }

            if (item.UnitPrice is null or < 0 || item.RefundAmount is null or < 0)
            {
                throw new WeChatPayValidationException($"goods_detail[{i}].{(item.UnitPrice is null or < 0 ? "unit_price" : "refund_amount")}", "is required and ≥ 0 (fen).");
            }

            if (item.RefundQuantity is null or < 1)
            {
                throw new WeChatPayValidationException($"goods_detail[{i}].refund_quantity", "is required and ≥ 1.");
            }
        }
    }

    private static void ValidateNotifyUrl(string? url)
    {
        if (url is null)
        {
            return;
        }

        if (url.Length is 0 or > 256 || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new WeChatPayValidationException("notify_url", "must be an absolute https URL of at most 256 characters.");
        }

        if (uri.Query.Length > 0)
        {
            throw new WeChatPayValidationException("notify_url", "must not carry a query string.");
        }
    }

    private static void Required(string? value, string field, int maxLength)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new WeChatPayValidationException(field, "is required.");
        }

        Optional(value, field, maxLength);
    }

    private static void Optional(string? value, string field, int maxLength)
    {
        if (value is not null && (value.Length == 0 || value.Length > maxLength))
        {
            throw new WeChatPayValidationException(field, $"must be 1-{maxLength} characters.");
        }
    }

    [GeneratedRegex(@"^[0-9A-Za-z_\-|*@]{1,64}$")]
    private static partial Regex OutRefundNoPattern();

    [GeneratedRegex(@"^[A-Z]{2,10}_DEBIT$")]
    private static partial Regex DebitBankPattern();
}
