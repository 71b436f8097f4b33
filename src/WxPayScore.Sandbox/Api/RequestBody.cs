using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using WxPayScore.Errors;

namespace WxPayScore.Sandbox.Api;

/// <summary>
/// Reads a request body the way WeChat does: a JSON object, required fields present, values of the right type, then
/// the field rules (the SDK's <see cref="ServiceOrders.ServiceOrderValidator"/>) — each failure a <c>400 PARAM_ERROR</c>
/// whose <c>detail.field</c> is a JSON pointer.
/// </summary>
internal static class RequestBody
{
    public static JsonDocument Parse(ReadOnlyMemory<byte> body)
    {
        try
        {
            var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                throw WeChatErrors.Param("/", "the body must be a JSON object", message: "请求体必须是JSON对象");
            }

            return document;
        }
        catch (JsonException ex)
        {
            throw WeChatErrors.Param("/", ex.Message, message: "请求体不是合法的JSON");
        }
    }

    /// <summary>Each dotted path (<c>risk_fund.amount</c>) must be present and not null.</summary>
    public static void Require(JsonElement root, params string[] paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        foreach (var path in paths)
        {
            var current = root;
            var present = true;
            foreach (var part in path.Split('.'))
            {
                if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(part, out current) || current.ValueKind == JsonValueKind.Null)
                {
                    present = false;
                    break;
                }
            }

            if (!present)
            {
                var pointer = "/" + path.Replace('.', '/');
                throw WeChatErrors.Param(pointer, "此字段为必填项", message: $"输入源“/body{pointer}”映射到值字段“{path}”必填性规则校验失败，此字段为必填项");
            }
        }
    }

    public static T Deserialize<T>(ReadOnlyMemory<byte> body, JsonTypeInfo<T> type)
    {
        try
        {
            return JsonSerializer.Deserialize(body.Span, type) ?? throw WeChatErrors.Param("/", "the body is null", message: "请求体不能为空");
        }
        catch (JsonException ex)
        {
            var pointer = ex.Path is { Length: > 1 } p ? "/" + p.TrimStart('$', '.').Replace('.', '/').Replace("[", "/", StringComparison.Ordinal).Replace("]", string.Empty, StringComparison.Ordinal) : "/";
            throw WeChatErrors.Param(pointer, ex.Message, message: $"输入源“/body{pointer}”映射到值字段类型或格式校验失败");
        }
    }

    /// <summary>Runs an SDK validation and reports its failure as WeChat would.</summary>
    public static void Validate(Action validation, Func<WeChatPayValidationException, string?>? message = null)
    {
        ArgumentNullException.ThrowIfNull(validation);
        try
        {
            validation();
        }
        catch (WeChatPayValidationException ex)
        {
            var pointer = WeChatErrors.Pointer(ex.Field);
            throw WeChatErrors.Param(pointer, ex.Message, message: message?.Invoke(ex) ?? $"参数错误：{ex.Message}");
        }
    }

    public static bool SameJson(string stored, JsonElement received)
    {
        using var document = JsonDocument.Parse(stored);
        return JsonElement.DeepEquals(document.RootElement, received);
    }
}
