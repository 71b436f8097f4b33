using WxPayScore.Errors;
using WxPayScore.Server.Configuration;
using WxPayScore.Server.Persistence;

namespace WxPayScore.Server.Orders;

/// <summary>Builds and completes <see cref="WeChatCallRecord"/>s: a row before each state-changing call, its outcome after.</summary>
public sealed class WeChatCallJournal
{
    public const string Ok = "ok";
    public const string ApiError = "api_error";
    public const string Unknown = "unknown";
    public const string BadSignature = "bad_signature";
    public const string ReconciledFound = "reconciled_found";
    public const string ReconciledNotFound = "reconciled_not_found";

    public WeChatCallJournal(InstanceIdentity instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        Instance = instance.Name;
    }

    public string Instance { get; }

    public WeChatCallRecord Begin(long? orderId, string operation, byte[]? body, long now) => new()
    {
        OrderId = orderId,
        Operation = operation,
        RequestBody = body,
        SentAt = now,
        Instance = Instance,
    };

    public static void Succeeded(WeChatCallRecord call, int status, long now)
    {
        ArgumentNullException.ThrowIfNull(call);
        call.Outcome = Ok;
        call.HttpStatus = status;
        call.CompletedAt = now;
    }

    public static void Failed(WeChatCallRecord call, Exception exception, long now)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(exception);
        call.CompletedAt = now;
        switch (exception)
        {
            case WeChatPayApiException api:
                call.Outcome = ApiError;
                call.HttpStatus = (int)api.StatusCode;
                call.ErrorCode = api.Code;
                call.ErrorMessage = Truncate(api.ErrorMessage);
                call.RequestId = api.RequestId;
                break;
            case WeChatPaySignatureException signature:
                call.Outcome = BadSignature;
                call.ErrorMessage = Truncate(signature.Message);
                call.RequestId = signature.RequestId;
                break;
            default:
                call.Outcome = Unknown;
                call.ErrorMessage = Truncate(exception.Message);
                break;
        }
    }

    private static string? Truncate(string? text) => text is { Length: > 1000 } ? text[..1000] : text;
}
