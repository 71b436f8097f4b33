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

namespace WxPayScore.Server.Callbacks;

/// <summary>
/// Processes one callback delivery: verification and decryption by the SDK; then, in one transaction under the
/// order's lock (hand-written statements, <see cref="OrderRows"/>), the idempotency marker (notification id, primary
/// key) and the monotonic application of the order snapshot (spec §7.1). Routed by the decrypted <c>sub_mchid</c>. Every delivery is logged with its verification
/// result. The answer is a success only after the commit.
/// </summary>
public sealed class CallbackProcessor
{
    private readonly CallbackReader reader;
    private readonly OrderStore store;
    private readonly OrderSnapshotApplier applier;
    private readonly PayScoreOptions options;
    private readonly TimeProvider time;
    private readonly string instance;
    private readonly ILogger<CallbackProcessor> logger;

    public CallbackProcessor(CallbackReader reader, OrderStore store, OrderSnapshotApplier applier, IOptions<PayScoreOptions> options,
        TimeProvider time, InstanceIdentity instance, ILogger<CallbackProcessor> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(instance);
        this.reader = reader;
        this.store = store;
        this.applier = applier;
        this.options = options.Value;
        this.time = time;
        this.instance = instance.Name;
        this.logger = logger;
    }

    public int MaxBodyBytes => reader.MaxBodyBytes;

    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    public async Task<CallbackAnswer> ProcessAsync(ReadOnlyMemory<byte> body, CallbackHeaders headers, CancellationToken cancellationToken)
    {
        using var activity = ServerDiagnostics.ActivitySource.StartActivity("ProcessCallback", ActivityKind.Server);
        var result = await reader.ReadAsync(body, headers, cancellationToken);
        if (!result.IsValid)
        {
            await LogAsync(new NotificationRecord
            {
                ReceivedAt = Now, Verification = result.Failure.ToString(), Outcome = NotificationOutcomes.Rejected,
                Error = Truncate(result.Error), Instance = instance,
            });
            var status = result.Failure switch
            {
                CallbackFailure.BodyTooLarge => StatusCodes.Status413PayloadTooLarge,
                CallbackFailure.MalformedEnvelope or CallbackFailure.UnsupportedAlgorithm or CallbackFailure.InvalidBase64 or
                    CallbackFailure.DecryptionFailed or CallbackFailure.MalformedResource => StatusCodes.Status400BadRequest,
                _ => StatusCodes.Status401Unauthorized,
            };
            return Count(CallbackAnswer.Fail(status, NotificationOutcomes.Rejected, $"{result.Failure}: {result.Error}"));
        }

        var callback = result.Callback;
        activity?.SetTag("wxpayscore.notification_id", callback.Id);
        activity?.SetTag("wxpayscore.event_type", callback.EventType);
        var snapshot = callback switch
        {
            ConfirmCallback confirm => confirm.Order,
            PaidCallback paid => paid.Order,
            _ => null,
        };
        if (snapshot is null)
        {
            await LogAsync(new NotificationRecord
            {
                ReceivedAt = Now, NotificationId = callback.Id, EventType = callback.EventType, Verification = "ok",
                Outcome = NotificationOutcomes.Ignored, Instance = instance,
            });
            return Count(CallbackAnswer.Ok(NotificationOutcomes.Ignored));
        }

        var subMchId = snapshot.SubMchId ?? options.SubMchId;
        var outOrderNo = snapshot.OutOrderNo!;
        string outcome;
        try
        {
            outcome = await store.WriteOrderRawAsync(subMchId, outOrderNo,
                (rows, order, ct) => ApplyAsync(rows, order, callback, snapshot, subMchId, outOrderNo, ct), CancellationToken.None);
        }
        catch (Exception ex) when (ex is DbUpdateException or System.Data.Common.DbException && OrderStore.IsUniqueViolation(ex))
        {
            // Another delivery of the same notification (possibly on another instance) committed first.
            outcome = NotificationOutcomes.Duplicate;
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or TimeoutException or System.Data.Common.DbException)
        {
            logger.LogError(ex, "Could not store callback {NotificationId} for {OutOrderNo}", callback.Id, outOrderNo);
            return Count(CallbackAnswer.Fail(StatusCodes.Status500InternalServerError, NotificationOutcomes.Failed, "The notification could not be stored; retry later."));
        }

        if (outcome == NotificationOutcomes.Duplicate)
        {
            await LogAsync(new NotificationRecord
            {
                ReceivedAt = Now, NotificationId = callback.Id, EventType = callback.EventType, Verification = "ok",
                Outcome = NotificationOutcomes.Duplicate, SubMchId = subMchId, OutOrderNo = outOrderNo,
                OrderId = await FindOrderIdAsync(subMchId, outOrderNo), Instance = instance,
            });
        }

        logger.LogInformation("Callback {NotificationId} {EventType} for {OutOrderNo}: {Outcome}", callback.Id, callback.EventType, outOrderNo, outcome);
        return Count(CallbackAnswer.Ok(outcome));
    }

    private async Task<string> ApplyAsync(OrderRows rows, OrderRecord? order, PayScoreCallback callback, ServiceOrder snapshot,
        string subMchId, string outOrderNo, CancellationToken cancellationToken)
    {
        var now = Now;
        if (await rows.IsProcessedAsync(callback.Id, cancellationToken))
        {
            return NotificationOutcomes.Duplicate;
        }

        // The marker is inserted first: a concurrent delivery of the same id blocks on it and then fails as a duplicate.
        await rows.InsertProcessedAsync(new ProcessedNotificationRecord { NotificationId = callback.Id, ProcessedAt = now, OrderId = order?.Id }, cancellationToken);

        var record = new NotificationRecord
        {
            ReceivedAt = now, NotificationId = callback.Id, EventType = callback.EventType, Verification = "ok",
            SubMchId = subMchId, OutOrderNo = outOrderNo, OrderId = order?.Id, Instance = instance,
        };
        if (order is null)
        {
            logger.LogWarning("Callback {NotificationId} is about an unknown order {SubMchId}/{OutOrderNo}", callback.Id, subMchId, outOrderNo);
            record.Outcome = NotificationOutcomes.UnknownOrder;
            await rows.AddNotificationAsync(record, cancellationToken);
            return record.Outcome;
        }

        var change = applier.Apply(order, snapshot, Encoding.UTF8.GetString(callback.Plaintext.Span), OrderSources.Callback, callback.Id, now);
        if (change is not null)
        {
            await rows.UpdateOrderAsync(order, cancellationToken);
            await rows.AddEventAsync(change, cancellationToken);
            ServerDiagnostics.StateChanges.Add(1, new TagList { { "source", OrderSources.Callback }, { "phase", change.ToPhase } });
        }

        record.Outcome = change is null ? NotificationOutcomes.NoChange : NotificationOutcomes.Applied;
        await rows.AddNotificationAsync(record, cancellationToken);
        return record.Outcome;
    }

    private async Task<long?> FindOrderIdAsync(string subMchId, string outOrderNo)
    {
        await using var db = await store.ReadAsync(CancellationToken.None);
        return await db.Orders.Where(o => o.SubMchId == subMchId && o.OutOrderNo == outOrderNo).Select(o => (long?)o.Id).FirstOrDefaultAsync();
    }

    private async Task LogAsync(NotificationRecord record)
    {
        try
        {
            await store.WriteAsync((db, _) =>
            {
                db.Notifications.Add(record);
                return Task.CompletedTask;
            }, CancellationToken.None);
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            logger.LogWarning(ex, "Could not log a callback delivery");
        }
    }

    private static CallbackAnswer Count(CallbackAnswer answer)
    {
        ServerDiagnostics.CallbacksProcessed.Add(1, new TagList { { "outcome", answer.Outcome } });
        return answer;
    }

    private static string? Truncate(string? text) => text is { Length: > 1000 } ? text[..1000] : text;
}
