using System.Text.Json;
using WxPayScore.Json;
using WxPayScore.ServiceOrders;

namespace WxPayScore.Tests.ServiceOrders;

/// <summary>Pay Score business times: OnAccept, yyyyMMddHHmmss and yyyyMMdd, always Beijing time.</summary>
public sealed class ServiceTimeTests
{
    [Fact]
    public void OnAccept_round_trips_as_the_literal()
    {
        var parsed = ServiceTime.Parse("OnAccept");

        Assert.True(parsed.IsOnAccept);
        Assert.Equal(ServiceTime.OnAccept, parsed);
        Assert.Equal("OnAccept", parsed.ToString());
    }

    [Fact]
    public void Second_precision_round_trips_in_Beijing_time()
    {
        var parsed = ServiceTime.Parse("20250101120005");

        Assert.False(parsed.IsOnAccept);
        Assert.False(parsed.IsDayPrecision);
        Assert.Equal(TimeSpan.FromHours(8), parsed.Value.Offset);
        Assert.Equal(new DateTimeOffset(2025, 1, 1, 4, 0, 5, TimeSpan.Zero), parsed.Value.ToUniversalTime());
        Assert.Equal("20250101120005", parsed.ToString());
    }

    [Fact]
    public void Day_precision_round_trips_as_midnight_Beijing()
    {
        var parsed = ServiceTime.Parse("20250101");

        Assert.True(parsed.IsDayPrecision);
        Assert.Equal(new DateTimeOffset(2024, 12, 31, 16, 0, 0, TimeSpan.Zero), parsed.Value.ToUniversalTime());
        Assert.Equal("20250101", parsed.ToString());
        Assert.Equal(parsed, ServiceTime.Day(new DateOnly(2025, 1, 1)));
    }

    [Fact]
    public void At_converts_any_offset_to_Beijing_and_drops_sub_seconds()
    {
        var utc = new DateTimeOffset(2025, 1, 1, 23, 30, 15, 999, TimeSpan.Zero);

        var time = ServiceTime.At(utc);

        Assert.Equal("20250102073015", time.ToString());
        Assert.Equal(ServiceTime.BeijingOffset, time.Value.Offset);
        Assert.Equal(utc.AddMilliseconds(-999), time.Value);
        Assert.Equal(time, ServiceTime.Parse(time.ToString()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("onaccept")]
    [InlineData("2025-01-01T12:00:05+08:00")] // RFC 3339 is not a Pay Score time
    [InlineData("20251301")]
    [InlineData("2025010112000")]
    [InlineData("202501011200050")]
    [InlineData("20250230")]
    public void Other_text_is_refused(string? text)
    {
        Assert.False(ServiceTime.TryParse(text, out _));
        if (text is not null)
        {
            Assert.Throws<FormatException>(() => ServiceTime.Parse(text));
        }
    }

    [Fact]
    public void Json_writes_and_reads_the_compact_form()
    {
        var range = new TimeRange { StartTime = ServiceTime.OnAccept, EndTime = ServiceTime.Parse("20250101140000") };

        var json = JsonSerializer.Serialize(range, WxPayScoreJsonContext.Wire.TimeRange);

        Assert.Equal("{\"start_time\":\"OnAccept\",\"end_time\":\"20250101140000\"}", json);
        Assert.Equal(range, JsonSerializer.Deserialize(json, WxPayScoreJsonContext.Wire.TimeRange));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("{\"start_time\":\"2025-01-01\"}", WxPayScoreJsonContext.Wire.TimeRange));
    }

    [Fact]
    public void Parsing_agrees_with_DateTime_TryParseExact_on_tricky_and_random_input()
    {
        var random = new Random(8);
        var samples = new List<string>
        {
            "00010101", "99991231", "00000101", "20240229", "20230229", "20250431", "20250100", "20250001",
            "20250101235959", "20250101240000", "20250101126000", "20250101120060", "2025010112000５", "２0250101",
            "20250101 12000", "+2025010", "-2025010",
        };
        for (var i = 0; i < 5000; i++)
        {
            var length = random.Next(2) == 0 ? 8 : 14;
            samples.Add(new string(Enumerable.Range(0, length).Select(_ => (char)('0' + random.Next(10))).ToArray()));
            var instant = new DateTime(2000, 1, 1).AddSeconds(random.NextInt64(0, 40L * 365 * 86400));
            samples.Add(instant.ToString(length == 8 ? "yyyyMMdd" : "yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture));
        }

        foreach (var text in samples)
        {
            var format = text.Length == 8 ? "yyyyMMdd" : "yyyyMMddHHmmss";
            var expected = DateTime.TryParseExact(text, format, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var reference) &&
                           reference.Ticks >= ServiceTime.BeijingOffset.Ticks; // representable as a DateTimeOffset at +08:00
            var actual = ServiceTime.TryParse(text, out var parsed);

            Assert.True(expected == actual, $"'{text}': TryParseExact {expected}, ServiceTime {actual}");
            if (actual)
            {
                Assert.Equal(new DateTimeOffset(reference, ServiceTime.BeijingOffset), parsed.Value);
                Assert.Equal(text, parsed.ToString());
            }
        }
    }

    [Theory]
    [InlineData("00010101")]
    [InlineData("00010101075959")]
    public void A_time_before_DateTimeOffset_MinValue_is_refused_not_thrown(string text)
    {
        Assert.False(ServiceTime.TryParse(text, out _));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize($"{{\"start_time\":\"{text}\"}}", WxPayScoreJsonContext.Wire.TimeRange));
        Assert.True(ServiceTime.TryParse("00010101080000", out _));
    }

    [Fact]
    public void Escaped_json_strings_still_parse()
    {
        var range = JsonSerializer.Deserialize("{\"start_time\":\"\\u004FnAccept\",\"end_time\":\"2025010114000\\u0030\"}", WxPayScoreJsonContext.Wire.TimeRange)!;

        Assert.True(range.StartTime!.Value.IsOnAccept);
        Assert.Equal("20250101140000", range.EndTime.ToString());
    }
}
