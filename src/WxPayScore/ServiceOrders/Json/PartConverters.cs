using System.Text.Json;
using System.Text.Json.Serialization;

namespace WxPayScore.ServiceOrders.Json;

/// <summary>Fee lines (<c>post_payments[]</c>), in orders and in create, complete and modify requests.</summary>
internal sealed class PostPaymentConverter : JsonConverter<PostPayment>
{
    public override PostPayment Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        WireJson.ExpectObject(ref reader, typeof(PostPayment));
        string? name = null, description = null;
        long? amount = null;
        int? count = null;
        while (WireJson.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("name"u8)) { name = WireJson.String(ref reader); }
            else if (reader.ValueTextEquals("amount"u8)) { amount = WireJson.Int64(ref reader); }
            else if (reader.ValueTextEquals("description"u8)) { description = WireJson.String(ref reader); }
            else if (reader.ValueTextEquals("count"u8)) { count = WireJson.Int32(ref reader); }
            else { reader.Skip(); }
        }

        return new PostPayment { Name = name, Amount = amount, Description = description, Count = count };
    }

    public override void Write(Utf8JsonWriter writer, PostPayment value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        WireJson.Write(writer, "name"u8, value.Name);
        WireJson.Write(writer, "amount"u8, value.Amount);
        WireJson.Write(writer, "description"u8, value.Description);
        WireJson.Write(writer, "count"u8, value.Count);
        writer.WriteEndObject();
    }
}

/// <summary>Discount lines (<c>post_discounts[]</c>).</summary>
internal sealed class PostDiscountConverter : JsonConverter<PostDiscount>
{
    public override PostDiscount Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        WireJson.ExpectObject(ref reader, typeof(PostDiscount));
        string? name = null, description = null;
        long? amount = null;
        int? count = null;
        while (WireJson.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("name"u8)) { name = WireJson.String(ref reader); }
            else if (reader.ValueTextEquals("description"u8)) { description = WireJson.String(ref reader); }
            else if (reader.ValueTextEquals("amount"u8)) { amount = WireJson.Int64(ref reader); }
            else if (reader.ValueTextEquals("count"u8)) { count = WireJson.Int32(ref reader); }
            else { reader.Skip(); }
        }

        return new PostDiscount { Name = name, Description = description, Amount = amount, Count = count };
    }

    public override void Write(Utf8JsonWriter writer, PostDiscount value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        WireJson.Write(writer, "name"u8, value.Name);
        WireJson.Write(writer, "description"u8, value.Description);
        WireJson.Write(writer, "amount"u8, value.Amount);
        WireJson.Write(writer, "count"u8, value.Count);
        writer.WriteEndObject();
    }
}

/// <summary>The risk amount (<c>risk_fund</c>); <c>name</c> and <c>amount</c> are required, as the record declares them.</summary>
internal sealed class RiskFundConverter : JsonConverter<RiskFund>
{
    public override RiskFund Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        WireJson.ExpectObject(ref reader, typeof(RiskFund));
        string? name = null, description = null;
        long amount = 0;
        bool hasName = false, hasAmount = false;
        while (WireJson.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("name"u8)) { name = WireJson.String(ref reader); hasName = true; }
            else if (reader.ValueTextEquals("amount"u8)) { reader.Read(); amount = reader.GetInt64(); hasAmount = true; }
            else if (reader.ValueTextEquals("description"u8)) { description = WireJson.String(ref reader); }
            else { reader.Skip(); }
        }

        if (!hasName || !hasAmount)
        {
            throw WireJson.MissingRequired(typeof(RiskFund), (hasName, hasAmount) switch
            {
                (false, false) => "'name', 'amount'",
                (false, _) => "'name'",
                _ => "'amount'",
            });
        }

        return new RiskFund { Name = name!, Amount = amount, Description = description };
    }

    public override void Write(Utf8JsonWriter writer, RiskFund value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        WireJson.Write(writer, "name"u8, value.Name);
        writer.WriteNumber("amount"u8, value.Amount);
        WireJson.Write(writer, "description"u8, value.Description);
        writer.WriteEndObject();
    }
}

/// <summary>The service time (<c>time_range</c>).</summary>
internal sealed class TimeRangeConverter : JsonConverter<TimeRange>
{
    public override TimeRange Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        WireJson.ExpectObject(ref reader, typeof(TimeRange));
        ServiceTime? startTime = null, endTime = null;
        string? startTimeRemark = null, endTimeRemark = null;
        while (WireJson.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("start_time"u8)) { startTime = WireJson.Time(ref reader, options); }
            else if (reader.ValueTextEquals("start_time_remark"u8)) { startTimeRemark = WireJson.String(ref reader); }
            else if (reader.ValueTextEquals("end_time"u8)) { endTime = WireJson.Time(ref reader, options); }
            else if (reader.ValueTextEquals("end_time_remark"u8)) { endTimeRemark = WireJson.String(ref reader); }
            else { reader.Skip(); }
        }

        return new TimeRange { StartTime = startTime, StartTimeRemark = startTimeRemark, EndTime = endTime, EndTimeRemark = endTimeRemark };
    }

    public override void Write(Utf8JsonWriter writer, TimeRange value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        WireJson.Write(writer, "start_time"u8, value.StartTime, options);
        WireJson.Write(writer, "start_time_remark"u8, value.StartTimeRemark);
        WireJson.Write(writer, "end_time"u8, value.EndTime, options);
        WireJson.Write(writer, "end_time_remark"u8, value.EndTimeRemark);
        writer.WriteEndObject();
    }
}

/// <summary>The service place (<c>location</c>).</summary>
internal sealed class LocationConverter : JsonConverter<Location>
{
    public override Location Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        WireJson.ExpectObject(ref reader, typeof(Location));
        string? startLocation = null, endLocation = null;
        while (WireJson.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("start_location"u8)) { startLocation = WireJson.String(ref reader); }
            else if (reader.ValueTextEquals("end_location"u8)) { endLocation = WireJson.String(ref reader); }
            else { reader.Skip(); }
        }

        return new Location { StartLocation = startLocation, EndLocation = endLocation };
    }

    public override void Write(Utf8JsonWriter writer, Location value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        WireJson.Write(writer, "start_location"u8, value.StartLocation);
        WireJson.Write(writer, "end_location"u8, value.EndLocation);
        writer.WriteEndObject();
    }
}
