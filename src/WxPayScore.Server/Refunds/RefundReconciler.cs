using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WxPayScore.Errors;
using WxPayScore.Refunds;
using WxPayScore.Server.Configuration;
using WxPayScore.Server.Diagnostics;
using WxPayScore.Server.Journal;
using WxPayScore.Server.Orders.SubMerchants;
using WxPayScore.Server.Persistence;
using WxPayScore.Server.Reconciliation;
using WxPayScore.ServiceOrders;

namespace WxPayScore.Server.Refunds;

/// <summary>
/// Settles refunds that are not final by asking WeChat (refunds.md §4, §9.4): PROCESSING and ABNORMAL ones (with
/// back-off), and PENDING ones — a create whose outcome was never stored (no answer, or the process stopped between
/// "sent" and "stored"). WeChat's answer is applied forward; a PENDING refund WeChat does not know (404) was never
/// accepted, so its create is sent again — rebuilt from the ledger row and checked byte for byte against the journaled
/// request, the same <c>out_refund_no</c>: at most one refund at WeChat. Refunds are claimed with a lease, as orders.
/// </summary>
public sealed class RefundReconciler
{
    private static readonly WeChatCallOutcome[] FinalOutcomes = [WeChatCallOutcome.Ok, WeChatCallOutcome.ApiError, WeChatCallOutcome.ReconciledFound, WeChatCallOutcome.ReconciledNotFound];

    private readonly RefundService wechat;
    private readonly OrderWrites writes;
    private readonly OrderReads reads;
    private readonly WeChatCallJournal journal;
    private readonly RefundSender sender;
    private readonly RefundTransitions transitions;
    private readonly RefundOptions options;
    private readonly ReconcilerOptions reconciler;
    private readonly TimeProvider time;
    private readonly string instance;
    private readonly ILogger<RefundReconciler> logger;
    private readonly SubMerchantCatalog subMerchants;

    public RefundReconciler(RefundService wechat, OrderWrites writes, OrderReads reads, WeChatCallJournal journal, RefundSender sender, RefundTransitions transitions,
        IOptions<RefundOptions> options, IOptions<ReconcilerOptions> reconciler, TimeProvider time, InstanceIdentity instance, ILogger<RefundReconciler> logger,
        SubMerchantCatalog subMerchants)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(reconciler);
        ArgumentNullException.ThrowIfNull(instance);
        this.wechat = wechat;
        this.writes = writes;
        this.reads = reads;
        this.journal = journal;
        this.sender = sender;
        this.transitions = transitions;
        this.options = options.Value;
        this.reconciler = reconciler.Value;
        this.time = time;
        this.instance = instance.Name;
        this.logger = logger;
        this.subMerchants = subMerchants;
    }

    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>One round: claim due refunds and check each. Returns how many were looked at.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = Now;
        var claimed = await writes.ClaimDueRefundsAsync(instance, now, now + (long)reconciler.LeaseDuration.TotalMilliseconds, options.BatchSize, cancellationToken);
        foreach (var id in claimed)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await CheckAsync(id, cancellationToken);
        }

        return claimed.Count;
    }

    private async Task CheckAsync(long id, CancellationToken cancellationToken)
    {
        RefundRecord? refund;
        WeChatCallRecord? create;
        await using (var db = await reads.OpenAsync(cancellationToken))
        {
            refund = await db.Refunds.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
            create = refund?.CreateCallId is { } callId ? await db.WeChatCalls.FirstOrDefaultAsync(c => c.Id == callId, cancellationToken) : null;
        }

        if (refund is null || refund.Phase.IsFinal())
        {
            return;
        }

        using var subMerchantTag = SubMerchantTag.Enter(subMerchants.FindBySubMchId(refund.SubMchId)?.Key);
        var query = RefundService.PrepareGet(refund.OutRefundNo, new RefundGetOptions { SubMchId = refund.SubMchId });
        Refund answer;
        try
        {
            answer = await journal.RecordAsync(refund.OrderId, query, () => wechat.SendAsync(query, cancellationToken), cancellationToken);
        }
        catch (WeChatPayApiException ex) when (ex.Kind == WeChatPayErrorKind.NotFound && refund.Phase == RefundPhase.Pending)
        {
            await ResendAsync(refund, create);
            return;
        }
        catch (WeChatPayException ex)
        {
            logger.LogWarning("Checking refund {OutRefundNo}: WeChat did not answer usefully ({Error}); later", refund.OutRefundNo, ex.Message);
            var failedAt = Now;
            await writes.SettleRefundAsync(refund.SubMchId, refund.OutOrderNo, refund.OutRefundNo, null,
                stored => transitions.Unknown(stored, ex, OrderSource.Reconciler, failedAt), CancellationToken.None);
            return;
        }

        var now = Now;
        var repaired = Repaired(create, now, $"outcome repaired by the reconciler: WeChat has refund {answer.RefundId} ({answer.StatusText})", WeChatCallOutcome.ReconciledFound);
        await writes.SettleRefundAsync(refund.SubMchId, refund.OutOrderNo, refund.OutRefundNo, repaired,
            stored => transitions.Apply(stored, answer, OrderSource.Reconciler, now), CancellationToken.None);
        logger.LogInformation("Checked refund {OutRefundNo}: {Status}", refund.OutRefundNo, answer.StatusText);
    }

    /// <summary>WeChat has no such refund: the create was never accepted. The same request again, never a new number.</summary>
    private async Task ResendAsync(RefundRecord refund, WeChatCallRecord? create)
    {
        var prepared = RefundService.PrepareCreate(OrderRefunds.Options(refund));
        if (create?.RequestBody is not { } sent || !sent.AsSpan().SequenceEqual(prepared.Body))
        {
            // Fail closed: without the journaled bytes to compare, or with different ones, nothing is sent.
            logger.LogError("Refund {OutRefundNo} is unknown at WeChat but its request cannot be rebuilt byte for byte; not resent", refund.OutRefundNo);
            var at = Now;
            await writes.SettleRefundAsync(refund.SubMchId, refund.OutOrderNo, refund.OutRefundNo, null,
                stored => transitions.Unknown(stored, new WeChatPayException("the journaled create request could not be rebuilt byte for byte"), OrderSource.Reconciler, at),
                CancellationToken.None);
            return;
        }

        var now = Now;
        if (Repaired(create, now, "WeChat had no such refund: the same request was sent again", WeChatCallOutcome.ReconciledNotFound) is { } closed)
        {
            await journal.CompleteAsync(closed);
        }

        logger.LogWarning("Refund {OutRefundNo} is unknown at WeChat: resending its create (same number, same bytes)", refund.OutRefundNo);
        var call = await journal.StartAsync(refund.OrderId, prepared, CancellationToken.None);
        await sender.SendAsync(refund, prepared, call, OrderSource.Reconciler);
    }

    /// <summary>The create's journal row with the reconciler's outcome, when it has none that is final; else null.</summary>
    private static WeChatCallRecord? Repaired(WeChatCallRecord? create, long now, string message, WeChatCallOutcome outcome)
    {
        if (create is null || (create.Outcome is { } done && FinalOutcomes.Contains(done)))
        {
            return null;
        }

        create.Outcome = outcome;
        create.CompletedAt ??= now;
        create.ErrorMessage = message;
        return create;
    }
}
