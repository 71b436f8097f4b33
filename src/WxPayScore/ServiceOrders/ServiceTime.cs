using System.Globalization;
using System.Text.Json.Serialization;

namespace WxPayScore.ServiceOrders;

/// <summary>
/// A Pay Score business time: the literal <c>OnAccept</c> (the moment the user confirms), a second-precision
/// <c>yyyyMMddHHmmss</c> or a day-precision <c>yyyyMMdd</c> value, always in Beijing time (UTC+8).
/// </summary>
[JsonConverter(typeof(ServiceTimeJsonConverter))]
public readonly record struct ServiceTime
{
    private const string OnAcceptLiteral = "OnAccept";
    private const string SecondFormat = "yyyyMMddHHmmss";
    private const string DayFormat = "yyyyMMdd";

    /// <summary>Beijing time, the zone of every compact Pay Score time.</summary>
    public static readonly TimeSpan BeijingOffset = TimeSpan.FromHours(8);

    private ServiceTime(bool onAccept, DateTimeOffset value, bool dayPrecision)
    {
        IsOnAccept = onAccept;
        Value = value;
        IsDayPrecision = dayPrecision;
    }

    /// <summary>The literal <c>OnAccept</c>: the service starts when the user confirms.</summary>
    public static ServiceTime OnAccept { get; } = new(true, default, false);

    public bool IsOnAccept { get; }

    /// <summary>The instant, in Beijing time; <c>default</c> for <see cref="OnAccept"/>.</summary>
    public DateTimeOffset Value { get; }

    public bool IsDayPrecision { get; }

    /// <summary>A second-precision time (<c>yyyyMMddHHmmss</c>), converted to Beijing time.</summary>
    public static ServiceTime At(DateTimeOffset instant)
    {
        var beijing = instant.ToOffset(BeijingOffset);
        return new ServiceTime(false, new DateTimeOffset(beijing.Ticks - (beijing.Ticks % TimeSpan.TicksPerSecond), BeijingOffset), false);
    }

    /// <summary>A day-precision time (<c>yyyyMMdd</c>): 00:00:00 Beijing time of that day.</summary>
    public static ServiceTime Day(DateOnly day) =>
        new(false, new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), BeijingOffset), true);

    public static ServiceTime Parse(string text) =>
        TryParse(text, out var result)
            ? result
            : throw new FormatException($"'{text}' is not a Pay Score time (OnAccept, yyyyMMddHHmmss or yyyyMMdd).");

    public static bool TryParse(string? text, out ServiceTime result)
    {
        result = default;
        if (text is null)
        {
            return false;
        }

        if (text == OnAcceptLiteral)
        {
            result = OnAccept;
            return true;
        }

        if (text.Length == SecondFormat.Length &&
            DateTime.TryParseExact(text, SecondFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var seconds))
        {
            result = new ServiceTime(false, new DateTimeOffset(seconds, BeijingOffset), false);
            return true;
        }

        if (text.Length == DayFormat.Length &&
            DateTime.TryParseExact(text, DayFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            result = new ServiceTime(false, new DateTimeOffset(day, BeijingOffset), true);
            return true;
        }

        return false;
    }

    public override string ToString() =>
        IsOnAccept ? OnAcceptLiteral : Value.ToString(IsDayPrecision ? DayFormat : SecondFormat, CultureInfo.InvariantCulture);
}
