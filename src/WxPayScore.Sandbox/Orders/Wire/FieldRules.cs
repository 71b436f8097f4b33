using System.Globalization;
using System.Text.RegularExpressions;
using WxPayScore.Sandbox.Api;

namespace WxPayScore.Sandbox.Orders.Wire;

/// <summary>
/// The field rules of payscore-partner-api.md §§0–6 as WeChat applies them: required fields, lengths in characters
/// (no 4-byte characters), the <c>out_order_no</c> pattern, counts, amounts. Each failure is a <c>400 PARAM_ERROR</c>
/// whose <c>detail.field</c> is a JSON pointer. Written from the spec for the sandbox, independently of the SDK's checks.
/// </summary>
internal static partial class FieldRules
{
    public const int OutOrderNoMax = 32;
    public const int QueryIdMax = 512;
    public const int MaxPostPayments = 100;
    public const int MaxPostDiscounts = 30;

    /// <summary>The fee-line name that may repeat within one order (§2.1 Payment).</summary>
    public const string GoodsInfoName = "商品信息";

    public static void Required(string? value, string pointer, int maxLength, string location = "body")
    {
        if (string.IsNullOrEmpty(value))
        {
            throw Missing(pointer, location);
        }

        Optional(value, pointer, maxLength, location);
    }

    public static void Optional(string? value, string pointer, int maxLength, string location = "body")
    {
        if (value is null)
        {
            return;
        }

        foreach (var c in value)
        {
            if (char.IsSurrogate(c))
            {
                throw Invalid(pointer, "不支持4字节的UTF-8字符（如emoji）", value, location);
            }
        }

        if (value.Length > maxLength)
        {
            throw Invalid(pointer, $"长度超过{maxLength}个字符（{value.Length}）", Shorten(value), location);
        }
    }

    /// <summary><c>out_order_no</c>: 1–32 characters of <c>0-9 A-Z a-z _ - | *</c> (§0, §2.1).</summary>
    public static void OutOrderNo(string? value, string pointer = "/out_order_no", string location = "body")
    {
        Required(value, pointer, OutOrderNoMax, location);
        if (!OutOrderNoPattern().IsMatch(value!))
        {
            throw Invalid(pointer, "只能由数字、大小写字母、_、-、|、*组成", value, location);
        }
    }

    /// <summary><c>query_id</c>: string(512) (§3), an opaque token of printable ASCII.</summary>
    public static void QueryId(string? value)
    {
        Required(value, "query_id", QueryIdMax, "query");
        foreach (var c in value!)
        {
            if (c is <= ' ' or > '~')
            {
                throw Invalid("query_id", "包含非法字符", Shorten(value), "query");
            }
        }
    }

    public static void Count(int? count, string pointer)
    {
        if (count is < 1 or > 100)
        {
            throw Invalid(pointer, "取值范围为1到100", count?.ToString(CultureInfo.InvariantCulture));
        }
    }

    public static void NotNegative(long? amount, string pointer)
    {
        if (amount < 0)
        {
            throw Invalid(pointer, "金额不能为负数", amount?.ToString(CultureInfo.InvariantCulture));
        }
    }

    public static void Payments(List<WirePayment?>? payments, bool required)
    {
        if (payments is not { Count: > 0 })
        {
            if (required)
            {
                throw Missing("/post_payments");
            }

            return;
        }

        if (payments.Count > MaxPostPayments)
        {
            throw Invalid("/post_payments", $"最多{MaxPostPayments}项", payments.Count.ToString(CultureInfo.InvariantCulture));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < payments.Count; i++)
        {
            var at = $"/post_payments/{i}";
            var line = payments[i] ?? throw Missing(at);
            Required(line.Name, at + "/name", 20);
            Optional(line.Description, at + "/description", 30);
            if (line.Amount is null && line.Description is null)
            {
                throw Invalid(at, "amount与description至少填写一项");
            }

            NotNegative(line.Amount, at + "/amount");
            Count(line.Count, at + "/count");
            if (line.Name != GoodsInfoName && !names.Add(line.Name!))
            {
                throw Invalid(at + "/name", "后付费项目名称不能重复", line.Name);
            }
        }
    }

    public static void Discounts(List<WireDiscount?>? discounts)
    {
        if (discounts is null)
        {
            return;
        }

        if (discounts.Count > MaxPostDiscounts)
        {
            throw Invalid("/post_discounts", $"最多{MaxPostDiscounts}项", discounts.Count.ToString(CultureInfo.InvariantCulture));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < discounts.Count; i++)
        {
            var at = $"/post_discounts/{i}";
            var line = discounts[i] ?? throw Missing(at);
            Required(line.Name, at + "/name", 20);
            Required(line.Description, at + "/description", 30);
            NotNegative(line.Amount, at + "/amount");
            Count(line.Count, at + "/count");
            if (!names.Add(line.Name!))
            {
                throw Invalid(at + "/name", "商户优惠名称不能重复", line.Name);
            }
        }
    }

    /// <summary><c>total_amount = Σ post_payments.amount − Σ post_discounts.amount</c>, ≥ 0 (§5).</summary>
    public static long Total(long? total, List<WirePayment?>? payments, List<WireDiscount?>? discounts)
    {
        if (total is not { } value)
        {
            throw Missing("/total_amount");
        }

        var expected = (payments?.Sum(p => p?.Amount ?? 0) ?? 0) - (discounts?.Sum(d => d?.Amount ?? 0) ?? 0);
        if (value < 0 || value != expected)
        {
            throw WeChatErrors.Param("/total_amount", $"total_amount must be Σ post_payments.amount − Σ post_discounts.amount = {expected}",
                value.ToString(CultureInfo.InvariantCulture), message: "最终总金额计算非法");
        }

        return value;
    }

    public static void RiskFund(WireRiskFund? risk)
    {
        if (risk is null)
        {
            throw Missing("/risk_fund");
        }

        Required(risk.Name, "/risk_fund/name", 30);
        if (risk.Name is not ("DEPOSIT" or "ADVANCE" or "CASH_DEPOSIT" or "ESTIMATE_ORDER_COST"))
        {
            throw Invalid("/risk_fund/name", "取值只能为DEPOSIT、ADVANCE、CASH_DEPOSIT或ESTIMATE_ORDER_COST", risk.Name);
        }

        if (risk.Amount is not { } amount)
        {
            throw Missing("/risk_fund/amount");
        }

        if (amount <= 0)
        {
            throw Invalid("/risk_fund/amount", "风险金额必须大于0", amount.ToString(CultureInfo.InvariantCulture));
        }

        Optional(risk.Description, "/risk_fund/description", 30);
    }

    public static void Location(WireLocation? location)
    {
        if (location is null)
        {
            return;
        }

        Optional(location.StartLocation, "/location/start_location", 50);
        Optional(location.EndLocation, "/location/end_location", 50);
        if (location.EndLocation is not null && location.StartLocation is null)
        {
            throw Invalid("/location/end_location", "填写end_location时必须填写start_location");
        }
    }

    public static void Device(WireDevice? device)
    {
        if (device is null)
        {
            return;
        }

        Optional(device.StartDeviceId, "/device/start_device_id", 50);
        Optional(device.EndDeviceId, "/device/end_device_id", 50);
        Optional(device.MaterielNo, "/device/materiel_no", 100);
    }

    /// <summary><c>notify_url</c>: string(255), an absolute http(s) URL without a query string (§2.1).</summary>
    public static void NotifyUrl(string? url)
    {
        Required(url, "/notify_url", 255);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw Invalid("/notify_url", "必须是以https://或http://开头的完整URL", url);
        }

        if (uri.Query.Length > 0)
        {
            throw Invalid("/notify_url", "不能携带查询参数", url);
        }
    }

    public static WeChatErrorException Missing(string pointer, string location = "body") =>
        WeChatErrors.Param(pointer, "此字段为必填项", location: location,
            message: $"输入源“/{location}{(pointer.StartsWith('/') ? pointer : "/" + pointer)}”映射到值字段“{pointer.TrimStart('/').Replace('/', '.')}”必填性规则校验失败，此字段为必填项");

    public static WeChatErrorException Invalid(string pointer, string issue, string? value = null, string location = "body") =>
        WeChatErrors.Param(pointer, issue, value, location, message: $"参数错误：{pointer.TrimStart('/').Replace('/', '.')} {issue}");

    private static string Shorten(string value) => value.Length > 64 ? value[..64] + "…" : value;

    [GeneratedRegex(@"^[0-9A-Za-z_\-|*]{1,32}$")]
    private static partial Regex OutOrderNoPattern();
}
