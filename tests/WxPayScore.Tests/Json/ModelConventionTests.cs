using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using WxPayScore.Json;
using WxPayScore.ServiceOrders;

namespace WxPayScore.Tests.Json;

/// <summary>
/// Conventions checked by reflection over every record in the wire namespaces: snake_case names (with WeChat's
/// documented exceptions), no nulls written, unknown fields ignored, every property written when set.
/// </summary>
public sealed partial class ModelConventionTests
{
    private static readonly string[] WireNamespaces = ["WxPayScore.ServiceOrders", "WxPayScore.Refunds", "WxPayScore.Callbacks", "WxPayScore.Security", "WxPayScore.Errors"];

    /// <summary>WeChat's own spellings, which are not the snake_case of the C# names.</summary>
    private static readonly Dictionary<string, string> DocumentedExceptions = new(StringComparer.Ordinal)
    {
        ["AppId"] = "appid",
        ["MchId"] = "mchid",
        ["SubMchId"] = "sub_mchid",
        ["SubAppId"] = "sub_appid",
        ["OpenId"] = "openid",
        ["SubOpenId"] = "sub_openid",
        ["SpMchId"] = "sp_mchid",
        ["StatusText"] = "status",
        ["RefundStatusText"] = "refund_status",
    };

    /// <summary>Ignored properties that read a wire field of the same name as an enum (the wire text stays in another property).</summary>
    private static readonly HashSet<string> ComputedViews = new(StringComparer.Ordinal) { "Refund.Status" };

    /// <summary>Records in those namespaces that are not JSON models, and why.</summary>
    private static readonly Dictionary<string, string> NotWireModels = new(StringComparer.Ordinal)
    {
        ["CallbackResult"] = "outcome of reading a callback",
        ["CallbackHeaders"] = "HTTP headers",
        ["PayScoreCallback"] = "verified callback handed to the application",
        ["ConfirmCallback"] = "verified callback handed to the application",
        ["PaidCallback"] = "verified callback handed to the application",
        ["UnknownCallback"] = "verified callback handed to the application",
        ["AuthorizationHeader"] = "an HTTP header",
        ["PlatformCertificate"] = "holds an RSA key",
        ["ServiceOrderGetOptions"] = "sent as a query string",
        ["ServiceOrderStatus"] = "computed view of three fields",
        ["RefundCallback"] = "verified callback handed to the application",
        ["RefundSuccessCallback"] = "verified callback handed to the application",
        ["RefundAbnormalCallback"] = "verified callback handed to the application",
        ["RefundClosedCallback"] = "verified callback handed to the application",
        ["RefundGetOptions"] = "sent as a query string",
        ["RefundApplyAbnormalOptions"] = "sent as AbnormalRefundBody, its bank fields encrypted",
        ["ExistingRefund"] = "input of the refund planner",
        ["RefundPlan"] = "output of the refund planner",
        ["RefundPlanPart"] = "output of the refund planner",
        ["ServiceTime"] = "a scalar written as a string by its converter (ServiceTimeTests)",
    };

    // Internal wire records (the callback envelope, the certificate list) follow the same conventions as the public ones.
    public static IEnumerable<Type> Records() => typeof(ServiceOrder).Assembly.GetTypes()
        .Where(t => !t.IsNested && WireNamespaces.Contains(t.Namespace))
        .Where(t => t.GetMethod("<Clone>$") is not null ||
                    (t.IsValueType && t.GetMethod("PrintMembers", BindingFlags.NonPublic | BindingFlags.Instance) is not null))
        .OrderBy(t => t.FullName, StringComparer.Ordinal);

    public static TheoryData<string> WireModels()
    {
        var data = new TheoryData<string>();
        foreach (var type in Records().Where(t => !NotWireModels.ContainsKey(t.Name)))
        {
            data.Add(type.FullName!);
        }

        return data;
    }

    [Fact]
    public void The_reflection_finds_the_models()
    {
        var names = Records().Select(t => t.Name).ToArray();

        Assert.Contains("ServiceOrder", names);
        Assert.Contains("CollectionDetail", names);
        Assert.Contains("EncryptedResource", names);
        Assert.Contains("WeChatPayErrorBody", names);
        Assert.Contains("ServiceTime", names);
        var wire = Records().Count(t => !NotWireModels.ContainsKey(t.Name));
        Assert.True(wire >= 20, $"only {wire} wire models found");
        Assert.All(NotWireModels.Keys, n => Assert.Contains(n, names)); // the exclusion list stays honest
    }

    [Theory]
    [MemberData(nameof(WireModels))]
    public void Every_wire_model_is_in_the_source_generated_context(string typeName)
    {
        Assert.NotNull(WxPayScoreJsonContext.Wire.GetTypeInfo(TypeOf(typeName)));
    }

    [Theory]
    [MemberData(nameof(WireModels))]
    public void Names_are_snake_case_except_WeChat_s_documented_spellings(string typeName)
    {
        var type = TypeOf(typeName);
        var info = WxPayScoreJsonContext.Wire.GetTypeInfo(type)!;
        // A record with its own converter (the service order and its parts: ServiceOrderJsonConverterFactory) has no
        // property metadata; its names are the ones it writes for a fully populated instance.
        var written = info.Kind == JsonTypeInfoKind.Object
            ? info.Properties.Select(p => p.Name).ToHashSet(StringComparer.Ordinal)
            : JsonNode.Parse(JsonSerializer.Serialize(Populate(type), info))!.AsObject().Select(kv => kv.Key).ToHashSet(StringComparer.Ordinal);

        foreach (var property in SerialisedProperties(type))
        {
            var expected = DocumentedExceptions.TryGetValue(property.Name, out var exception)
                ? exception
                : JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name);
            Assert.True(written.Contains(expected), $"{type.Name}.{property.Name} should be written as '{expected}'; names: {string.Join(", ", written)}");
        }

        Assert.All(written, name => Assert.Matches(SnakeCase(), name));
    }

    [Theory]
    [MemberData(nameof(WireModels))]
    public void An_empty_instance_writes_no_null(string typeName)
    {
        var type = TypeOf(typeName);
        var instance = Activator.CreateInstance(type)!;

        var json = JsonSerializer.Serialize(instance, WxPayScoreJsonContext.Wire.GetTypeInfo(type)!);

        Assert.DoesNotContain("null", json, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(WireModels))]
    public void A_fully_populated_instance_writes_every_property_and_nothing_ignored(string typeName)
    {
        var type = TypeOf(typeName);
        var instance = Populate(type);

        var json = JsonNode.Parse(JsonSerializer.Serialize(instance, WxPayScoreJsonContext.Wire.GetTypeInfo(type)!))!.AsObject();

        foreach (var property in SerialisedProperties(type))
        {
            var name = DocumentedExceptions.GetValueOrDefault(property.Name) ?? JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name);
            Assert.True(json.ContainsKey(name), $"{type.Name}.{property.Name} ('{name}') is missing from {json.ToJsonString()}");
        }

        // A computed view named like the wire field it reads (Refund.Status over "status") is the one exception.
        foreach (var ignored in type.GetProperties().Where(p => p.GetCustomAttribute<JsonIgnoreAttribute>() is not null && !ComputedViews.Contains($"{type.Name}.{p.Name}")))
        {
            Assert.DoesNotContain(json, kv => string.Equals(kv.Key, JsonNamingPolicy.SnakeCaseLower.ConvertName(ignored.Name), StringComparison.Ordinal));
        }

        Assert.Equal(SerialisedProperties(type).Count(), json.Count);
    }

    [Theory]
    [MemberData(nameof(WireModels))]
    public void Unknown_fields_are_ignored_on_read_at_every_level(string typeName)
    {
        var type = TypeOf(typeName);
        var info = WxPayScoreJsonContext.Wire.GetTypeInfo(type)!;
        var json = JsonSerializer.Serialize(Populate(type), info);
        var withExtras = JsonNode.Parse(json)!;
        AddUnknownFields(withExtras);

        var read = JsonSerializer.Deserialize(withExtras.ToJsonString(), info);

        Assert.Equal(json, JsonSerializer.Serialize(read, info));
    }

    [Fact]
    public void A_real_query_answer_with_new_fields_still_reads()
    {
        const string json = """{"out_order_no":"SP1","state":"DOING","state_description":"USER_CONFIRM","new_field":{"a":[1,{"b":null}]},"collection":{"state":"USER_PAYING","bank_type":"OTHERS","future":true}}""";

        var order = JsonSerializer.Deserialize(json, WxPayScoreJsonContext.Wire.ServiceOrder)!;

        Assert.Equal("SP1", order.OutOrderNo);
        Assert.Equal(ServiceOrderPhase.UserConfirmed, order.Status.Phase);
        Assert.Equal("OTHERS", order.Collection!.BankType);
    }

    private static Type TypeOf(string name) => typeof(ServiceOrder).Assembly.GetType(name, throwOnError: true)!;

    private static IEnumerable<PropertyInfo> SerialisedProperties(Type type) => type
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.GetCustomAttribute<JsonIgnoreAttribute>() is not { Condition: JsonIgnoreCondition.Always })
        .Where(p => p.Name != "EqualityContract");

    private static object? Sample(Type type, string name, int depth)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(string))
        {
            return "v_" + name;
        }

        if (underlying == typeof(long))
        {
            return 7L;
        }

        if (underlying == typeof(int))
        {
            return 3;
        }

        if (underlying == typeof(bool))
        {
            return true;
        }

        if (underlying == typeof(DateTimeOffset))
        {
            return new DateTimeOffset(2025, 1, 1, 12, 0, 5, TimeSpan.FromHours(8));
        }

        if (underlying == typeof(ServiceTime))
        {
            return ServiceTime.Parse("20250101120005");
        }

        if (underlying.IsGenericType && underlying.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
        {
            var element = underlying.GetGenericArguments()[0];
            var array = Array.CreateInstance(element, 1);
            array.SetValue(Sample(element, name, depth + 1), 0);
            return array;
        }

        if (underlying.IsClass && depth < 10)
        {
            return Populate(underlying, depth + 1);
        }

        throw new InvalidOperationException($"No sample for {type} ({name}): extend the convention test.");
    }

    private static object Populate(Type type) => Populate(type, 0);

    private static object Populate(Type type, int depth)
    {
        var instance = Activator.CreateInstance(type)!;
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true }))
        {
            property.SetValue(instance, Sample(property.PropertyType, property.Name, depth));
        }

        return instance;
    }

    private static void AddUnknownFields(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var child in obj.Select(kv => kv.Value).ToArray())
                {
                    if (child is not null)
                    {
                        AddUnknownFields(child);
                    }
                }

                obj["zz_unknown_field"] = new JsonObject { ["nested"] = new JsonArray(1, "two", null) };
                obj["aa_unknown_scalar"] = 42;
                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    if (child is not null)
                    {
                        AddUnknownFields(child);
                    }
                }

                break;
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9]*(_[a-z0-9]+)*$")]
    private static partial Regex SnakeCase();
}
