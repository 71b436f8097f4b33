using System.Text.Json;

namespace WxPayScore.Sandbox.Api;

/// <summary>The first check of every request body: it must be a JSON object (else <c>400 PARAM_ERROR</c> at <c>/</c>).</summary>
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
}
