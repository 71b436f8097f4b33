using System.Globalization;
using System.Text.RegularExpressions;
using WxPayScore.Errors;

namespace WxPayScore.ServiceOrders;

/// <summary>
/// The checks WeChat applies to service-order requests (payscore-partner-api.md §§2–6), run before sending so that a
/// mistake is reported with the field's name instead of a round trip and an opaque <c>PARAM_ERROR</c>.
/// Lengths count characters, as WeChat does; 4-byte characters (emoji) are refused.
/// </summary>
internal static partial class ServiceOrderValidator
{
    public const int MaxPostPayments = 100;
    public const int MaxPostDiscounts = 30;

    /// <summary>The fee-line name that may repeat within one order.</summary>
    public const string GoodsInfoName = "商品信息";

    private static string? lastValidNotifyUrl;

    public static void ValidateOutOrderNo(string? outOrderNo, string field = "out_order_no")
    {
        Required(outOrderNo, field, 32);
        if (!OutOrderNoPattern().IsMatch(outOrderNo!))
        {
            throw new WeChatPayValidationException(field, "must be 1-32 characters of 0-9, A-Z, a-z, _, -, | or *.");
        }
    }

    public static void ValidateCreate(ServiceOrderCreateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Required(options.ServiceId, "service_id", 32);
        Required(options.AppId, "appid", 32);
        Required(options.SubMchId, "sub_mchid", 32);
        Optional(options.SubAppId, "sub_appid", 32);
        ValidateOutOrderNo(options.OutOrderNo);
        Required(options.ServiceIntroduction, "service_introduction", 20);
        ValidatePayments(options.PostPayments, required: false);
        ValidateDiscounts(options.PostDiscounts);
        ValidateRiskFund(options.RiskFund);
        ValidateTimeRange(options.TimeRange, "time_range", startRequired: true);
        ValidateLocation(options.Location);
        Optional(options.Attach, "attach", 256);
        ValidateNotifyUrl(options.NotifyUrl);
        Optional(options.OpenId, "openid", 128);
        Optional(options.SubOpenId, "sub_openid", 128);
        if (options.SubOpenId is not null && options.SubAppId is null)
        {
            throw new WeChatPayValidationException("sub_openid", "requires sub_appid.");
        }

        if (options.NeedUserConfirm == false)
        {
            if ((options.OpenId is null) == (options.SubOpenId is null))
            {
                throw new WeChatPayValidationException("openid", "免确认 mode (need_user_confirm=false) needs exactly one of openid and sub_openid.");
            }
        }
        else if (options.OpenId is not null || options.SubOpenId is not null)
        {
            throw new WeChatPayValidationException("openid", "is sent only in 免确认 mode (need_user_confirm=false); the user is identified by the confirm page.");
        }

        ValidateDevice(options.Device);
    }

    public static void ValidateCancel(ServiceOrderCancelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Common(options.ServiceId, options.SubMchId);
        Required(options.Reason, "reason", 50);
        options.CurrentOrder?.Status.EnsureCanCancel();
    }

    public static void ValidateComplete(ServiceOrderCompleteOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Common(options.ServiceId, options.SubMchId);
        ValidatePayments(options.PostPayments, required: true);
        ValidateDiscounts(options.PostDiscounts);
        ValidateTotal(options.TotalAmount, options.PostPayments, options.PostDiscounts);
        if (options.TimeRange is { } range)
        {
            ValidateTimeRange(range, "time_range", startRequired: false);
        }

        ValidateLocation(options.Location);
        Optional(options.GoodsTag, "goods_tag", 32);
        ValidateDevice(options.Device);
        if (options.CurrentOrder is { } current)
        {
            current.Status.EnsureCanComplete();
            if (current.TimeRange?.EndTime is null && options.TimeRange?.EndTime is null)
            {
                throw new WeChatPayValidationException("time_range.end_time", "is required at completion because the order was created without an end time.");
            }

            if (current.RiskFund is { Name: not RiskFundNames.EstimateOrderCost } risk && options.TotalAmount > risk.Amount)
            {
                throw new WeChatPayValidationException("total_amount", $"{options.TotalAmount} exceeds the risk fund amount {risk.Amount} of this 先免 order.");
            }
        }
    }

    public static void ValidateModify(ServiceOrderModifyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Common(options.ServiceId, options.SubMchId);
        ValidatePayments(options.PostPayments, required: true);
        ValidateDiscounts(options.PostDiscounts);
        ValidateTotal(options.TotalAmount, options.PostPayments, options.PostDiscounts);
        Required(options.Reason, "reason", 50);
        ValidateDevice(options.Device);
        if (options.CurrentOrder is { } current)
        {
            current.Status.EnsureCanModify();
            var previous = current.TotalAmount ?? current.Collection?.TotalAmount;
            if (previous is { } p && options.TotalAmount >= p)
            {
                throw new WeChatPayValidationException("total_amount", $"modify only lowers the amount: {options.TotalAmount} is not lower than the current {p}.");
            }
        }
    }

    public static void ValidatePay(ServiceOrderPayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Common(options.ServiceId, options.SubMchId);
        options.CurrentOrder?.Status.EnsureCanPay();
    }

    public static void ValidateSync(ServiceOrderSyncOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Common(options.ServiceId, options.SubMchId);
        if (options.Type != ServiceOrderSyncOptions.OrderPaid)
        {
            throw new WeChatPayValidationException("type", $"must be {ServiceOrderSyncOptions.OrderPaid}.");
        }

        if (options.Detail is null || options.Detail.PaidTime.IsOnAccept)
        {
            throw new WeChatPayValidationException("detail.paid_time", "is required (yyyyMMddHHmmss or yyyyMMdd).");
        }

        options.CurrentOrder?.Status.EnsureCanSync();
    }

    public static void ValidateQuery(ServiceOrderGetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Common(options.ServiceId, options.SubMchId);
    }

    /// <summary><c>total_amount == Σ post_payments.amount − Σ post_discounts.amount</c>, and ≥ 0.</summary>
    public static void ValidateTotal(long totalAmount, IReadOnlyList<PostPayment>? payments, IReadOnlyList<PostDiscount>? discounts)
    {
        if (totalAmount < 0)
        {
            throw new WeChatPayValidationException("total_amount", "must be ≥ 0.");
        }

        var expected = (payments?.Sum(p => p.Amount ?? 0) ?? 0) - (discounts?.Sum(d => d.Amount ?? 0) ?? 0);
        if (totalAmount != expected)
        {
            throw new WeChatPayValidationException("total_amount",
                $"must equal Σ post_payments.amount − Σ post_discounts.amount = {expected}; got {totalAmount} (WeChat: 最终总金额计算非法).");
        }
    }

    private static void Common(string serviceId, string subMchId)
    {
        Required(serviceId, "service_id", 32);
        Required(subMchId, "sub_mchid", 32);
    }

    private static void ValidatePayments(IReadOnlyList<PostPayment>? payments, bool required)
    {
        if (payments is null || payments.Count == 0)
        {
            if (required)
            {
                throw new WeChatPayValidationException("post_payments", "needs at least one fee line.");
            }

            return;
        }

        if (payments.Count > MaxPostPayments)
        {
            throw new WeChatPayValidationException("post_payments", $"has {payments.Count} lines; at most {MaxPostPayments}.");
        }

        // Field names are built only for a message: a valid request allocates none of them.
        var names = payments.Count > 1 ? new HashSet<string>(StringComparer.Ordinal) : null;
        for (var i = 0; i < payments.Count; i++)
        {
            var line = payments[i] ?? throw new WeChatPayValidationException($"post_payments[{i}]", "is null.");
            Check(Problem(line.Name, 20, required: true), "post_payments", i, ".name");
            Check(Problem(line.Description, 30, required: false), "post_payments", i, ".description");
            if (line.Amount is null && line.Description is null)
            {
                throw new WeChatPayValidationException($"post_payments[{i}]", "needs an amount or a description.");
            }

            if (line.Amount < 0)
            {
                throw new WeChatPayValidationException($"post_payments[{i}].amount", "must be ≥ 0 (fen).");
            }

            Check(CountProblem(line.Count), "post_payments", i, ".count");
            if (line.Name != GoodsInfoName && names is not null && !names.Add(line.Name!))
            {
                throw new WeChatPayValidationException($"post_payments[{i}].name", $"'{line.Name}' is used twice; fee-line names must be unique.");
            }
        }
    }

    private static void ValidateDiscounts(IReadOnlyList<PostDiscount>? discounts)
    {
        if (discounts is null)
        {
            return;
        }

        if (discounts.Count > MaxPostDiscounts)
        {
            throw new WeChatPayValidationException("post_discounts", $"has {discounts.Count} lines; at most {MaxPostDiscounts}.");
        }

        var names = discounts.Count > 1 ? new HashSet<string>(StringComparer.Ordinal) : null;
        for (var i = 0; i < discounts.Count; i++)
        {
            var line = discounts[i] ?? throw new WeChatPayValidationException($"post_discounts[{i}]", "is null.");
            Check(Problem(line.Name, 20, required: true), "post_discounts", i, ".name");
            Check(Problem(line.Description, 30, required: true), "post_discounts", i, ".description");
            if (line.Amount < 0)
            {
                throw new WeChatPayValidationException($"post_discounts[{i}].amount", "must be ≥ 0 (fen).");
            }

            Check(CountProblem(line.Count), "post_discounts", i, ".count");
            if (names is not null && !names.Add(line.Name!))
            {
                throw new WeChatPayValidationException($"post_discounts[{i}].name", $"'{line.Name}' is used twice; discount names must be unique.");
            }
        }
    }

    private static void ValidateRiskFund(RiskFund? risk)
    {
        if (risk is null)
        {
            throw new WeChatPayValidationException("risk_fund", "is required.");
        }

        if (!RiskFundNames.IsKnown(risk.Name))
        {
            throw new WeChatPayValidationException("risk_fund.name", $"'{risk.Name}' is not one of DEPOSIT, ADVANCE, CASH_DEPOSIT, ESTIMATE_ORDER_COST.");
        }

        if (risk.Amount <= 0)
        {
            throw new WeChatPayValidationException("risk_fund.amount", "must be > 0 (fen).");
        }

        Optional(risk.Description, "risk_fund.description", 30);
    }

    private static void ValidateTimeRange(TimeRange? range, string field, bool startRequired)
    {
        if (range is null)
        {
            throw new WeChatPayValidationException(field, "is required.");
        }

        if (startRequired && range.StartTime is null)
        {
            throw new WeChatPayValidationException(field + ".start_time", "is required (OnAccept, yyyyMMddHHmmss or yyyyMMdd).");
        }

        if (range.StartTimeRemark is not null && range.StartTime is null)
        {
            throw new WeChatPayValidationException(field + ".start_time_remark", "is allowed only with start_time.");
        }

        if (range.EndTimeRemark is not null && range.EndTime is null)
        {
            throw new WeChatPayValidationException(field + ".end_time_remark", "is allowed only with end_time.");
        }

        Check(Problem(range.StartTimeRemark, 20, required: false), field, ".start_time_remark");
        Check(Problem(range.EndTimeRemark, 20, required: false), field, ".end_time_remark");
        if (range.EndTime is { IsOnAccept: true })
        {
            throw new WeChatPayValidationException(field + ".end_time", "cannot be OnAccept.");
        }

        if (range is { StartTime: { IsOnAccept: false } start, EndTime: { } end } && end.Value < start.Value)
        {
            throw new WeChatPayValidationException(field + ".end_time", "is earlier than start_time (WeChat: 真实结束时间小于预计开始时间).");
        }
    }

    private static void ValidateLocation(Location? location)
    {
        if (location is null)
        {
            return;
        }

        Optional(location.StartLocation, "location.start_location", 50);
        Optional(location.EndLocation, "location.end_location", 50);
        if (location.EndLocation is not null && location.StartLocation is null)
        {
            throw new WeChatPayValidationException("location.end_location", "is allowed only with start_location.");
        }
    }

    private static void ValidateDevice(Device? device)
    {
        if (device is null)
        {
            return;
        }

        Optional(device.StartDeviceId, "device.start_device_id", 50);
        Optional(device.EndDeviceId, "device.end_device_id", 50);
        Optional(device.MaterielNo, "device.materiel_no", 100);
    }

    private static void ValidateNotifyUrl(string? url)
    {
        Required(url, "notify_url", 255);

        // A merchant sends the same notify_url with every create: once it has passed, the same text is not parsed again.
        if (ReferenceEquals(url, lastValidNotifyUrl) || string.Equals(url, lastValidNotifyUrl, StringComparison.Ordinal))
        {
            return;
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new WeChatPayValidationException("notify_url", "must be an absolute https URL.");
        }

        if (uri.Query.Length > 0)
        {
            throw new WeChatPayValidationException("notify_url", "must not carry a query string.");
        }

        lastValidNotifyUrl = url;
    }

    private static string? CountProblem(int? count) => count is < 1 or > 100 ? "must be between 1 and 100." : null;

    private static void Required(string? value, string field, int maxLength) => Check(Problem(value, maxLength, required: true), field);

    private static void Optional(string? value, string field, int maxLength) => Check(Problem(value, maxLength, required: false), field);

    private static void Check(string? problem, string field)
    {
        if (problem is not null)
        {
            throw new WeChatPayValidationException(field, problem);
        }
    }

    /// <summary>For a member of an object whose own name is a parameter: <c>time_range.end_time_remark</c> is built only when there is a problem.</summary>
    private static void Check(string? problem, string field, string member)
    {
        if (problem is not null)
        {
            throw new WeChatPayValidationException(field + member, problem);
        }
    }

    /// <summary>For the lines of a list: the field's name (<c>post_payments[2].name</c>) is built only when there is a problem.</summary>
    private static void Check(string? problem, string list, int index, string member)
    {
        if (problem is not null)
        {
            throw new WeChatPayValidationException($"{list}[{index}]{member}", problem);
        }
    }

    /// <summary>What is wrong with a text field, or null. Lengths count characters (text elements), as WeChat does.</summary>
    private static string? Problem(string? value, int maxLength, bool required)
    {
        if (string.IsNullOrEmpty(value))
        {
            return required ? "is required." : null;
        }

        // A string has at most as many text elements as UTF-16 units: only a longer one needs counting.
        if (value.Length > maxLength)
        {
            var length = new StringInfo(value).LengthInTextElements;
            if (length > maxLength)
            {
                return $"is {length} characters; at most {maxLength}.";
            }
        }

        foreach (var c in value)
        {
            if (char.IsSurrogate(c))
            {
                return "contains a 4-byte UTF-8 character (such as an emoji), which WeChat refuses.";
            }
        }

        return null;
    }

    [GeneratedRegex(@"^[0-9A-Za-z_\-|*]{1,32}$")]
    private static partial Regex OutOrderNoPattern();
}
