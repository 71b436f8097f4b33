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

    /// <summary>The literal <c>OnAccept</c> (starts when the user confirms).</summary>
    public bool IsOnAccept { get; }

    /// <summary>The instant, in Beijing time; <c>default</c> for <see cref="OnAccept"/>.</summary>
    public DateTimeOffset Value { get; }

    /// <summary>Written as <c>yyyyMMdd</c> rather than <c>yyyyMMddHHmmss</c>.</summary>
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

    /// <summary>Parses <c>OnAccept</c>, <c>yyyyMMddHHmmss</c> or <c>yyyyMMdd</c>; throws <see cref="FormatException"/> otherwise.</summary>
    public static ServiceTime Parse(string text) =>
        TryParse(text, out var result)
            ? result
            : throw new FormatException($"'{text}' is not a Pay Score time (OnAccept, yyyyMMddHHmmss or yyyyMMdd).");

    /// <summary>Parses <c>OnAccept</c>, <c>yyyyMMddHHmmss</c> or <c>yyyyMMdd</c>.</summary>
    public static bool TryParse(string? text, out ServiceTime result)
    {
        result = default;
        return text is not null && TryParse(text.AsSpan(), out result);
    }

    /// <summary>
    /// Parses <c>OnAccept</c>, <c>yyyyMMddHHmmss</c> or <c>yyyyMMdd</c> (ASCII digits only, a real calendar date and time,
    /// year 0001–9999), exactly what <c>DateTime.TryParseExact</c> with those formats accepts, without its cost: these
    /// values are read in every order and callback.
    /// </summary>
    internal static bool TryParse(ReadOnlySpan<char> text, out ServiceTime result)
    {
        result = default;
        if (text.SequenceEqual(OnAcceptLiteral))
        {
            result = OnAccept;
            return true;
        }

        if (text.Length != SecondFormat.Length && text.Length != DayFormat.Length)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        var year = Number(text, 0, 4);
        var month = Number(text, 4, 2);
        var day = Number(text, 6, 2);
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        var dayPrecision = text.Length == DayFormat.Length;
        var hour = dayPrecision ? 0 : Number(text, 8, 2);
        var minute = dayPrecision ? 0 : Number(text, 10, 2);
        var second = dayPrecision ? 0 : Number(text, 12, 2);
        if (hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        // 0001-01-01 before 08:00 Beijing time is before DateTimeOffset.MinValue in UTC: not a time, not an exception.
        var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified);
        if (local.Ticks < BeijingOffset.Ticks)
        {
            return false;
        }

        result = new ServiceTime(false, new DateTimeOffset(local, BeijingOffset), dayPrecision);
        return true;
    }

    private static int Number(ReadOnlySpan<char> digits, int start, int length)
    {
        var value = 0;
        foreach (var c in digits.Slice(start, length))
        {
            value = (value * 10) + (c - '0');
        }

        return value;
    }

    /// <summary>WeChat's form: <c>OnAccept</c>, <c>yyyyMMddHHmmss</c> or <c>yyyyMMdd</c>.</summary>
    public override string ToString() =>
        IsOnAccept ? OnAcceptLiteral : Value.ToString(IsDayPrecision ? DayFormat : SecondFormat, CultureInfo.InvariantCulture);
}
