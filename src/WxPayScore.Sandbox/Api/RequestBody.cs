using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace WxPayScore.Sandbox.Api;

/// <summary>
/// The first check of every request body: it must be a JSON object (else <c>400 PARAM_ERROR</c> at <c>/</c>); then its
/// wire type, with WeChat's errors for an unknown field or a value of the wrong type (at the field's JSON pointer).
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

    public static T Read<T>(ReadOnlyMemory<byte> body, JsonTypeInfo<T> type)
    {
        using (Parse(body))
        {
            // Parse first: a body that is not a JSON object is reported as such, not as a type error.
        }

        try
        {
            return JsonSerializer.Deserialize(body.Span, type) ?? throw WeChatErrors.Param("/", "the body is null", message: "请求体不能为空");
        }
        catch (JsonException ex)
        {
            var pointer = ex.Path is { Length: > 1 } p
                ? "/" + p.TrimStart('$', '.').Replace('.', '/').Replace("[", "/", StringComparison.Ordinal).Replace("]", string.Empty, StringComparison.Ordinal)
                : "/";
            var unknown = ex.Message.Contains("could not be mapped", StringComparison.Ordinal);
            throw WeChatErrors.Param(pointer, unknown ? "未知字段：" + ex.Message : ex.Message,
                message: unknown ? $"输入源“/body{pointer}”包含未定义的字段" : $"输入源“/body{pointer}”映射到值字段类型或格式校验失败");
        }
    }
}
