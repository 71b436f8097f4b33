using System.Globalization;
using System.Text.RegularExpressions;
using WxPayScore.ServiceOrders;

namespace WxPayScore.Sandbox.Orders.Wire;

/// <summary>
/// Business times of the wire (§1): <c>yyyyMMddHHmmss</c> or <c>yyyyMMdd</c> in Beijing time, or the literal <c>OnAccept</c>
/// where allowed. Read here from the spec's text; the result is the order snapshot's <see cref="ServiceTime"/>.
/// </summary>
internal static partial class WireTimes
{
    public const string OnAcceptText = "OnAccept";

    public static ServiceTime Parse(string text, string pointer, bool allowOnAccept)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text == OnAcceptText)
        {
            return allowOnAccept ? ServiceTime.OnAccept : throw FieldRules.Invalid(pointer, "此处不能为OnAccept", text);
        }

        if (SecondsPattern().IsMatch(text) &&
            DateTime.TryParseExact(text, "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            return ServiceTime.At(new DateTimeOffset(instant, ServiceTime.BeijingOffset));
        }

        if (DayPattern().IsMatch(text) && DateOnly.TryParseExact(text, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return ServiceTime.Day(day);
        }

        throw FieldRules.Invalid(pointer, "时间格式必须为yyyyMMddHHmmss或yyyyMMdd" + (allowOnAccept ? "或OnAccept" : string.Empty), text);
    }

    /// <summary>Checks a time range's shape (formats, remarks only with their time, end not before start) and reads it.</summary>
    public static TimeRange Range(WireTimeRange range)
    {
        ArgumentNullException.ThrowIfNull(range);
        var start = range.StartTime is { } s ? Parse(s, "/time_range/start_time", allowOnAccept: true) : (ServiceTime?)null;
        var end = range.EndTime is { } e ? Parse(e, "/time_range/end_time", allowOnAccept: false) : (ServiceTime?)null;
        if (range.StartTimeRemark is not null && start is null)
        {
            throw FieldRules.Invalid("/time_range/start_time_remark", "填写start_time_remark时必须填写start_time");
        }

        if (range.EndTimeRemark is not null && end is null)
        {
            throw FieldRules.Invalid("/time_range/end_time_remark", "填写end_time_remark时必须填写end_time");
        }

        FieldRules.Optional(range.StartTimeRemark, "/time_range/start_time_remark", 20);
        FieldRules.Optional(range.EndTimeRemark, "/time_range/end_time_remark", 20);
        if (start is { IsOnAccept: false } from && end is { } to && to.Value < from.Value)
        {
            throw FieldRules.Invalid("/time_range/end_time", "真实结束时间小于预计开始时间", range.EndTime);
        }

        return new TimeRange { StartTime = start, StartTimeRemark = range.StartTimeRemark, EndTime = end, EndTimeRemark = range.EndTimeRemark };
    }

    [GeneratedRegex(@"^\d{14}$")]
    private static partial Regex SecondsPattern();

    [GeneratedRegex(@"^\d{8}$")]
    private static partial Regex DayPattern();
}
