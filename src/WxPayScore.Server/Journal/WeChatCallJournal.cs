using WxPayScore.Errors;
using WxPayScore.Server.Configuration;
using WxPayScore.Server.Diagnostics;
using WxPayScore.Server.Persistence;
using WxPayScore.ServiceOrders;

namespace WxPayScore.Server.Journal;

/// <summary>
/// The journal of WeChat calls (<see cref="WeChatCallRecord"/>): a row committed before each call is sent, its outcome
/// stored after (<see cref="OrderWrites.StartCallAsync"/>, <see cref="OrderWrites.FinishCallAsync"/>: on SQLite a group
/// commit, so that a status query pays little for it). The create path writes its
/// row inside the order's own transactions.
/// </summary>
public sealed class WeChatCallJournal
{
    private readonly OrderWrites writes;
    private readonly TimeProvider time;

    public WeChatCallJournal(InstanceIdentity instance, OrderWrites writes, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(instance);
        Instance = instance.Name;
        this.writes = writes;
        this.time = time;
    }

    public string Instance { get; }

    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>A new row (not stored): for callers that insert it in their own transaction.</summary>
    public WeChatCallRecord Begin(long? orderId, WeChatCallOperation operation, string target, byte[]? body, long now) => new()
    {
        OrderId = orderId,
        Operation = operation,
        Target = Truncate(target, 600),
        RequestBody = body,
        SentAt = now,
        Instance = Instance,
    };

    /// <summary>A new row for a prepared service-order call (not stored): its operation, request line and exact body.</summary>
    public WeChatCallRecord Begin(long? orderId, PreparedCall prepared, long now)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        return Begin(orderId, WeChatCallOperation.Of(prepared.Operation), prepared.ToString(), prepared.Body.Length == 0 ? null : prepared.Body, now);
    }

    /// <summary>Stores a new row for a prepared call and commits: call this before sending it.</summary>
    public async Task<WeChatCallRecord> StartAsync(long? orderId, PreparedCall prepared, CancellationToken cancellationToken)
    {
        var call = Begin(orderId, prepared, Now);
        await writes.StartCallAsync(call, cancellationToken);
        return call;
    }

    /// <summary>Stores a new row and commits: call this before sending the request.</summary>
    public async Task<WeChatCallRecord> StartAsync(long? orderId, WeChatCallOperation operation, string target, CancellationToken cancellationToken)
    {
        var call = Begin(orderId, operation, target, null, Now);
        await writes.StartCallAsync(call, cancellationToken);
        return call;
    }

    /// <summary>Stores the outcome set on <paramref name="call"/> (see <see cref="Succeeded"/>, <see cref="Failed"/>) and its order, if it has one now.</summary>
    public Task CompleteAsync(WeChatCallRecord call) => writes.FinishCallAsync(call);

    /// <summary>
    /// Journals one read-only call around <paramref name="send"/>: the row before, the outcome after (also when it
    /// throws; the exception is rethrown unchanged).
    /// </summary>
    public async Task<T> RecordAsync<T>(long? orderId, WeChatCallOperation operation, string target, Func<Task<T>> send, CancellationToken cancellationToken) =>
        await RecordAsync(await StartAsync(orderId, operation, target, cancellationToken), send);

    /// <summary>Journals one read-only prepared call (a query) around <paramref name="send"/>, as above.</summary>
    public async Task<T> RecordAsync<T>(long? orderId, PreparedCall prepared, Func<Task<T>> send, CancellationToken cancellationToken) =>
        await RecordAsync(await StartAsync(orderId, prepared, cancellationToken), send);

    private async Task<T> RecordAsync<T>(WeChatCallRecord call, Func<Task<T>> send)
    {
        ArgumentNullException.ThrowIfNull(send);
        T result;
        try
        {
            result = await send();
        }
        catch (Exception ex) when (ex is WeChatPayException or OperationCanceledException)
        {
            Failed(call, ex, Now);
            await CompleteAsync(call);
            throw;
        }

        Succeeded(call, 200, Now);
        await CompleteAsync(call);
        return result;
    }

    public static void Succeeded(WeChatCallRecord call, int status, long now)
    {
        ArgumentNullException.ThrowIfNull(call);
        call.Outcome = WeChatCallOutcome.Ok;
        call.HttpStatus = status;
        call.CompletedAt = now;
        ServerDiagnostics.CountJournalCall(call, null);
    }

    public static void Failed(WeChatCallRecord call, Exception exception, long now)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(exception);
        call.CompletedAt = now;
        switch (exception)
        {
            case WeChatPayApiException api:
                call.Outcome = WeChatCallOutcome.ApiError;
                call.HttpStatus = (int)api.StatusCode;
                call.ErrorCode = api.Code;
                call.ErrorMessage = Truncate(api.ErrorMessage, 1000);
                call.RequestId = api.RequestId;
                break;
            case WeChatPaySignatureException signature:
                call.Outcome = WeChatCallOutcome.BadSignature;
                call.ErrorMessage = Truncate(signature.Message, 1000);
                call.RequestId = signature.RequestId;
                break;
            case OperationCanceledException:
                call.Outcome = WeChatCallOutcome.Cancelled;
                call.ErrorMessage = "the caller went away before WeChat answered";
                break;
            default:
                call.Outcome = WeChatCallOutcome.Unknown;
                call.ErrorMessage = Truncate(exception.Message, 1000);
                break;
        }

        ServerDiagnostics.CountJournalCall(call, call.ErrorCode);
    }

    private static string? Truncate(string? text, int length) => text is not null && text.Length > length ? text[..length] : text;
}
