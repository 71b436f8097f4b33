using WxPayScore.Sandbox.Api;
using WxPayScore.ServiceOrders;

namespace WxPayScore.Sandbox.Orders;

/// <summary><c>time_range</c> rules against the business clock (spec §2.1 TimeRange, §5).</summary>
internal static class TimeRules
{
    /// <summary>How far in the future a real end time at completion may be (clock skew between merchant and WeChat).</summary>
    public static readonly TimeSpan CompletionSkew = TimeSpan.FromSeconds(60);

    public static void CheckCreate(TimeRange range, DateTimeOffset beijingNow)
    {
        ArgumentNullException.ThrowIfNull(range);
        var today = Today(beijingNow);
        if (range.StartTime is { IsOnAccept: false } start)
        {
            var ok = start.IsDayPrecision ? start.Value >= today : start.Value > beijingNow;
            if (!ok)
            {
                throw WeChatErrors.ParamMessage("服务开始时间不能早于调用接口时间", "/time_range/start_time", start.ToString());
            }
        }

        if (range.EndTime is { } end)
        {
            if (end.IsDayPrecision)
            {
                if (end.Value < today || (range.StartTime is { IsOnAccept: false } s && end.Value < Day(s.Value)))
                {
                    throw WeChatErrors.ParamMessage("服务结束时间不能早于服务开始时间或当前日期", "/time_range/end_time", end.ToString());
                }
            }
            else
            {
                if (end.Value <= beijingNow.AddMinutes(1))
                {
                    throw WeChatErrors.ParamMessage("服务结束时间必须晚于调用接口时间1分钟以上", "/time_range/end_time", end.ToString());
                }

                if (range.StartTime is { IsOnAccept: false } s && end.Value <= s.Value)
                {
                    throw WeChatErrors.ParamMessage("服务结束时间必须晚于服务开始时间", "/time_range/end_time", end.ToString());
                }
            }
        }
    }

    /// <summary>The real time range at completion: end mandatory if create had none, not in the future, not before the start.</summary>
    public static TimeRange Complete(TimeRange? created, TimeRange? sent, DateTimeOffset beijingNow)
    {
        var start = sent?.StartTime ?? created?.StartTime;
        var end = sent?.EndTime ?? created?.EndTime;
        if (end is not { } e)
        {
            throw WeChatErrors.ParamMessage("创建订单未填写服务结束时间,则结束时间必填", "/time_range/end_time");
        }

        if (sent?.EndTime is { } sentEnd && (sentEnd.IsDayPrecision ? sentEnd.Value > Today(beijingNow) : sentEnd.Value > beijingNow + CompletionSkew))
        {
            throw WeChatErrors.ParamMessage("服务结束时间不能晚于完结订单的时间", "/time_range/end_time", sentEnd.ToString());
        }

        if (sent?.StartTime is { IsOnAccept: true })
        {
            throw WeChatErrors.ParamMessage("完结订单时服务开始时间不能为OnAccept", "/time_range/start_time", "OnAccept");
        }

        if (start is { IsOnAccept: false } s && e.Value < s.Value)
        {
            throw WeChatErrors.ParamMessage("真实结束时间小于预计开始时间", "/time_range/end_time", e.ToString(), 271316637);
        }

        return new TimeRange
        {
            StartTime = start,
            StartTimeRemark = sent?.StartTime is not null ? sent.StartTimeRemark : created?.StartTimeRemark ?? sent?.StartTimeRemark,
            EndTime = end,
            EndTimeRemark = sent?.EndTime is not null ? sent.EndTimeRemark : created?.EndTimeRemark ?? sent?.EndTimeRemark,
        };
    }

    private static DateTimeOffset Today(DateTimeOffset beijingNow) => Day(beijingNow);

    private static DateTimeOffset Day(DateTimeOffset value)
    {
        var beijing = value.ToOffset(ServiceTime.BeijingOffset);
        return new DateTimeOffset(beijing.Year, beijing.Month, beijing.Day, 0, 0, 0, ServiceTime.BeijingOffset);
    }
}
