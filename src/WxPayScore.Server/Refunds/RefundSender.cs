using WxPayScore.Errors;
using WxPayScore.Refunds;
using WxPayScore.Server.Journal;
using WxPayScore.Server.Persistence;
using WxPayScore.ServiceOrders;

namespace WxPayScore.Server.Refunds;

/// <summary>
/// Sends one prepared refund create whose ledger row and journal row are already committed, and stores the outcome:
/// the same <see cref="PreparedCall"/> (the same bytes, the same <c>out_refund_no</c>) once more when no answer came
/// (the SDK has already retried 5xx/429 with it); never a new number.
/// </summary>
public sealed class RefundSender(RefundService wechat, OrderWrites writes, RefundTransitions transitions, TimeProvider time, ILogger<RefundSender> logger)
{
    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Sends and records; returns WeChat's refusal (the refund is FAILED), or null when it was accepted or its outcome is still unknown.</summary>
    public async Task<WeChatPayException?> SendAsync(RefundRecord refund, PreparedCall prepared, WeChatCallRecord call, OrderSource source)
    {
        ArgumentNullException.ThrowIfNull(refund);
        ArgumentNullException.ThrowIfNull(prepared);
        ArgumentNullException.ThrowIfNull(call);
        Refund answer;
        try
        {
            answer = await SendWithRetryAsync(prepared);
        }
        catch (WeChatPayException ex)
        {
            var failedAt = Now;
            WeChatCallJournal.Failed(call, ex, failedAt);
            var refused = RefundTransitions.IsRefusal(ex);
            logger.LogWarning("Refund {OutRefundNo} {Outcome}: {Error}", refund.OutRefundNo, refused ? "refused" : "outcome unknown", ex.Message);
            await writes.SettleRefundAsync(refund.SubMchId, refund.OutOrderNo, refund.OutRefundNo, call,
                stored => refused ? transitions.Refuse(stored, ex, source, failedAt) : transitions.Unknown(stored, ex, source, failedAt), CancellationToken.None);
            return refused ? ex : null;
        }

        var now = Now;
        WeChatCallJournal.Succeeded(call, 200, now);
        await writes.SettleRefundAsync(refund.SubMchId, refund.OutOrderNo, refund.OutRefundNo, call, stored => transitions.Apply(stored, answer, source, now),
            CancellationToken.None);
        return null;
    }

    private async Task<Refund> SendWithRetryAsync(PreparedCall prepared)
    {
        try
        {
            return await wechat.SendAsync(prepared, CancellationToken.None);
        }
        catch (WeChatPayConnectionException ex)
        {
            // No answer after the SDK's retries: one more identical attempt (WeChat answers an accepted refund again for the
            // same number and body); if that fails too, the reconciler asks WeChat and resends these bytes if needed.
            logger.LogWarning("Refund {OutRefundNo}: no answer ({Error}); resending the same request once", prepared.OutRefundNo, ex.Message);
            return await wechat.SendAsync(prepared, CancellationToken.None);
        }
    }
}
