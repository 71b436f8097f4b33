using System.Diagnostics;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WxPayScore.Callbacks;
using WxPayScore.Server.Configuration;
using WxPayScore.Server.Diagnostics;
using WxPayScore.Server.Orders;
using WxPayScore.Server.Persistence;
using WxPayScore.ServiceOrders;
using WxPayScore.Server.Orders.SubMerchants;

namespace WxPayScore.Server.Callbacks;

/// <summary>
/// Processes one callback delivery: verification and decryption by the SDK; then, in one transaction under the
/// order's lock (<see cref="OrderWrites.ApplyCallbackAsync"/>), the idempotency marker (notification id, primary
/// key) and the monotonic application of the order snapshot (spec §7.1). Routed by the decrypted <c>sub_mchid</c>. Every delivery is logged with its verification
/// result. The answer is a success only after the commit.
/// </summary>
public sealed class CallbackProcessor
{
    /// <summary>The rejection reason (see <see cref="RejectedCallbacks"/>) of a verified callback for a sub-merchant not served here.</summary>
    public const string UnknownSubMerchant = "UnknownSubMerchant";

    private readonly CallbackReader reader;
    private readonly OrderWrites writes;
    private readonly OrderReads reads;
    private readonly OrderSnapshotApplier applier;
    private readonly RejectedCallbacks rejected;
    private readonly SubMerchantCatalog subMerchants;
    private readonly TimeProvider time;
    private readonly string instance;
    private readonly ILogger<CallbackProcessor> logger;

    public CallbackProcessor(CallbackReader reader, OrderWrites writes, OrderReads reads, OrderSnapshotApplier applier, RejectedCallbacks rejected, SubMerchantCatalog subMerchants,
        TimeProvider time, InstanceIdentity instance, ILogger<CallbackProcessor> logger)
    {
        ArgumentNullException.ThrowIfNull(instance);
        this.reader = reader;
        this.writes = writes;
        this.reads = reads;
        this.applier = applier;
        this.rejected = rejected;
        this.subMerchants = subMerchants;
        this.time = time;
        this.instance = instance.Name;
        this.logger = logger;
    }

    public int MaxBodyBytes => reader.MaxBodyBytes;

    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>A Pay Score callback (<c>/notify/payscore</c>): PAYSCORE.USER_CONFIRM and PAYSCORE.USER_PAID; other events are ignored.</summary>
    public Task<CallbackAnswer> ProcessAsync(ReadOnlyMemory<byte> body, CallbackHeaders headers, CancellationToken cancellationToken) =>
        ProcessAsync(body, headers, RoutePayScore, cancellationToken);

    /// <summary>
    /// One delivery: verification and decryption (every rejection logged and counted), then <paramref name="route"/> says
    /// where a verified callback goes (null: an event this endpoint does not act on, ignored) and stores it; a second
    /// delivery of the same id is a duplicate (logged), a storage failure a 500 so that WeChat retries.
    /// </summary>
    public async Task<CallbackAnswer> ProcessAsync(ReadOnlyMemory<byte> body, CallbackHeaders headers, Func<PayScoreCallback, Task<CallbackRoute?>> route,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(route);
        using var activity = ServerDiagnostics.ActivitySource.StartActivity("ProcessCallback", ActivityKind.Server);
        var result = await reader.ReadAsync(body, headers, cancellationToken);
        if (!result.IsValid)
        {
            await LogAsync(new NotificationRecord
            {
                ReceivedAt = Now, Verification = result.Failure.ToString(), Outcome = NotificationOutcome.Rejected,
                Error = Truncate(result.Error), Instance = instance,
            });
            await rejected.CountAsync(result.Failure.ToString());
            var status = result.Failure switch
            {
                CallbackFailure.BodyTooLarge => StatusCodes.Status413PayloadTooLarge,
                CallbackFailure.MalformedEnvelope or CallbackFailure.UnsupportedAlgorithm or CallbackFailure.InvalidBase64 or
                    CallbackFailure.DecryptionFailed or CallbackFailure.MalformedResource => StatusCodes.Status400BadRequest,
                _ => StatusCodes.Status401Unauthorized,
            };
            return Count(CallbackAnswer.Fail(status, NotificationOutcome.Rejected, $"{result.Failure}: {result.Error}"));
        }

        var callback = result.Callback;
        activity?.SetTag("wxpayscore.notification_id", callback.Id);
        activity?.SetTag("wxpayscore.event_type", callback.EventType);
        CallbackRoute? target;
        try
        {
            target = await route(callback);
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or TimeoutException or System.Data.Common.DbException)
        {
            logger.LogError(ex, "Could not route callback {NotificationId}", callback.Id);
            return Count(CallbackAnswer.Fail(StatusCodes.Status500InternalServerError, NotificationOutcome.Failed, "The notification could not be stored; retry later."));
        }

        if (target is null)
        {
            await LogAsync(new NotificationRecord
            {
                ReceivedAt = Now, NotificationId = callback.Id, EventType = callback.EventType, Verification = "ok",
                Outcome = NotificationOutcome.Ignored, Instance = instance,
            });
            return Count(CallbackAnswer.Ok(NotificationOutcome.Ignored));
        }

        // Routed by the decrypted sub_mchid: a genuine callback for a sub-merchant this server does not serve is refused.
        var routedTo = subMerchants.FindBySubMchId(target.SubMchId);
        if (routedTo is null)
        {
            logger.LogWarning("Callback {NotificationId} is for sub-merchant {SubMchId}, which this server does not serve", callback.Id, target.SubMchId);
            await LogAsync(new NotificationRecord
            {
                ReceivedAt = Now, NotificationId = callback.Id, EventType = callback.EventType, Verification = "ok",
                Outcome = NotificationOutcome.Rejected, SubMchId = Truncate32(target.SubMchId), OutOrderNo = Truncate32(target.OutOrderNo),
                Error = $"unknown sub_mchid '{Truncate32(target.SubMchId)}'", Instance = instance,
            });
            await rejected.CountAsync(UnknownSubMerchant);
            return Count(CallbackAnswer.Fail(StatusCodes.Status400BadRequest, NotificationOutcome.Rejected, "The notification is for a sub-merchant this server does not serve."));
        }

        var subMerchantKey = routedTo.Key;
        var (subMchId, outOrderNo) = (target.SubMchId, target.OutOrderNo);
        activity?.SetTag("wxpayscore.out_order_no", outOrderNo);
        NotificationOutcome outcome;
        try
        {
            var log = await target.StoreAsync(Now);
            outcome = log?.Outcome ?? NotificationOutcome.Duplicate;
        }
        catch (Exception ex) when (ex is DbUpdateException or System.Data.Common.DbException && OrderWrites.IsUniqueViolation(ex))
        {
            // Another delivery of the same notification (possibly on another instance) committed first.
            outcome = NotificationOutcome.Duplicate;
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or TimeoutException or System.Data.Common.DbException)
        {
            logger.LogError(ex, "Could not store callback {NotificationId} for {OutOrderNo}", callback.Id, outOrderNo);
            return Count(CallbackAnswer.Fail(StatusCodes.Status500InternalServerError, NotificationOutcome.Failed, "The notification could not be stored; retry later."), subMerchantKey);
        }

        if (outcome == NotificationOutcome.Duplicate)
        {
            await LogAsync(new NotificationRecord
            {
                ReceivedAt = Now, NotificationId = callback.Id, EventType = callback.EventType, Verification = "ok",
                Outcome = NotificationOutcome.Duplicate, SubMchId = subMchId, OutOrderNo = outOrderNo,
                OrderId = outOrderNo is null ? null : await FindOrderIdAsync(subMchId, outOrderNo), Instance = instance,
            });
        }

        activity?.SetTag("wxpayscore.outcome", outcome.ToStoredName());
        logger.LogInformation("Callback {NotificationId} {EventType} for {OutOrderNo}: {Outcome}", callback.Id, callback.EventType, outOrderNo, outcome.ToStoredName());
        return Count(CallbackAnswer.Ok(outcome), subMerchantKey);
    }

    private Task<CallbackRoute?> RoutePayScore(PayScoreCallback callback)
    {
        var snapshot = callback switch
        {
            ConfirmCallback confirm => confirm.Order,
            PaidCallback paid => paid.Order,
            _ => null,
        };
        if (snapshot is null)
        {
            return Task.FromResult<CallbackRoute?>(null);
        }

        // A callback without sub_mchid can only be for the one sub-merchant, if there is exactly one.
        var subMchId = snapshot.SubMchId ?? (subMerchants.All.Count == 1 ? subMerchants.All[0].SubMchId : string.Empty);
        var outOrderNo = snapshot.OutOrderNo!;
        return Task.FromResult<CallbackRoute?>(new CallbackRoute(subMchId, outOrderNo, now => writes.ApplyCallbackAsync(callback.Id, subMchId, outOrderNo, now,
            order => Apply(order, callback, snapshot, subMchId, outOrderNo, now), CancellationToken.None)));
    }

    /// <summary>The log entry of a verified delivery (outcome still to set), for the routes' transactions.</summary>
    public NotificationRecord LogEntry(PayScoreCallback callback, string subMchId, string? outOrderNo, long? orderId, long now)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return new NotificationRecord
        {
            ReceivedAt = now, NotificationId = callback.Id, EventType = callback.EventType, Verification = "ok",
            SubMchId = subMchId, OutOrderNo = outOrderNo, OrderId = orderId, Instance = instance,
        };
    }

    private (NotificationRecord Log, OrderEventRecord? Change) Apply(OrderRecord? order, PayScoreCallback callback, ServiceOrder snapshot,
        string subMchId, string outOrderNo, long now)
    {
        var record = LogEntry(callback, subMchId, outOrderNo, order?.Id, now);
        if (order is null)
        {
            logger.LogWarning("Callback {NotificationId} is about an unknown order {SubMchId}/{OutOrderNo}", callback.Id, subMchId, outOrderNo);
            record.Outcome = NotificationOutcome.UnknownOrder;
            return (record, null);
        }

        var change = applier.Apply(order, snapshot, Encoding.UTF8.GetString(callback.Plaintext.Span), OrderSource.Callback, callback.Id, now);
        if (change is not null)
        {
            ServerDiagnostics.StateChanges.Add(1, new TagList
            {
                { "source", OrderSource.Callback.ToStoredName() }, { "phase", change.ToPhase?.ToStoredName() }, { SubMerchantTag.Name, SubMerchantTag.ValueOf(order.SubMerchantKey) },
            });
        }

        record.Outcome = change is null ? NotificationOutcome.NoChange : NotificationOutcome.Applied;
        return (record, change);
    }

    private async Task<long?> FindOrderIdAsync(string subMchId, string outOrderNo)
    {
        return (await reads.FindOrderAsync(subMchId, outOrderNo, CancellationToken.None))?.Id;
    }

    private async Task LogAsync(NotificationRecord record)
    {
        try
        {
            await writes.LogNotificationAsync(record, CancellationToken.None);
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            logger.LogWarning(ex, "Could not log a callback delivery");
        }
    }

    /// <summary>Counts a delivery; <paramref name="subMerchantKey"/> is null until the callback is routed to a sub-merchant this server serves.</summary>
    private static CallbackAnswer Count(CallbackAnswer answer, string? subMerchantKey = null)
    {
        ServerDiagnostics.CallbacksProcessed.Add(1, new TagList { { "outcome", answer.Outcome.ToStoredName() }, { SubMerchantTag.Name, SubMerchantTag.ValueOf(subMerchantKey) } });
        return answer;
    }

    private static string? Truncate(string? text) => text is { Length: > 1000 } ? text[..1000] : text;

    private static string? Truncate32(string? text) => text is { Length: > 32 } ? text[..32] : text;
}
