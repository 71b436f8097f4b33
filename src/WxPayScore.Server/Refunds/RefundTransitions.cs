using Microsoft.Extensions.Options;
using WxPayScore.Errors;
using WxPayScore.Refunds;
using WxPayScore.Server.Persistence;

namespace WxPayScore.Server.Refunds;

/// <summary>
/// The changes of a ledger row, each returning the order's history entry (or null): WeChat's status applied only
/// forward, a refusal, an unknown outcome, and the reconciler's schedule (back-off up to <see cref="RefundOptions.MaxCheckInterval"/>).
/// </summary>
public sealed class RefundTransitions(IOptions<RefundOptions> options)
{
    private readonly RefundOptions options = (options ?? throw new ArgumentNullException(nameof(options))).Value;

    /// <summary>When to check next after <paramref name="attempts"/> checks that changed nothing.</summary>
    public long NextCheck(long now, int attempts)
    {
        var delay = options.CheckDelay * Math.Pow(2, Math.Min(attempts, 20));
        return now + (long)Math.Min(delay.TotalMilliseconds, options.MaxCheckInterval.TotalMilliseconds);
    }

    /// <summary>WeChat's answer (create, query) applied to the row.</summary>
    public OrderEventRecord? Apply(RefundRecord refund, Refund answer, OrderSource source, long now)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return Apply(refund, answer.Status, answer.RefundId, answer.Channel, answer.UserReceivedAccount, answer.Amount?.PayerRefund, answer.SuccessTime,
            source, null, now);
    }

    /// <summary>A status from WeChat (answer or <c>REFUND.*</c> notification), applied only when it moves the refund forward.</summary>
    public OrderEventRecord? Apply(RefundRecord refund, RefundStatus status, string? refundId, string? channel, string? account, long? payerRefund,
        DateTimeOffset? successTime, OrderSource source, string? notificationId, long now)
    {
        ArgumentNullException.ThrowIfNull(refund);
        refund.RefundId ??= refundId;
        refund.Channel = channel ?? refund.Channel;
        refund.UserReceivedAccount = account ?? refund.UserReceivedAccount;
        refund.PayerRefund ??= payerRefund;
        if (!refund.Phase.IsForward(status) || status.ToPhase() is not { } to)
        {
            if (!refund.Phase.IsFinal() && source is OrderSource.Reconciler)
            {
                refund.CheckAttempts++;
                refund.NextCheckAt = NextCheck(now, refund.CheckAttempts);
            }

            return null;
        }

        var from = refund.Phase;
        refund.Phase = to;
        refund.UpdatedAt = now;
        refund.Error = null;
        refund.CheckAttempts = 0;
        if (to == RefundPhase.Success)
        {
            refund.SucceededAt = successTime?.ToUnixTimeMilliseconds() ?? now;
        }

        refund.NextCheckAt = to.IsFinal() ? null : NextCheck(now, 0);
        return Entry(refund, source, now, $"refund {refund.OutRefundNo}: {from.ToStoredName()} → {to.ToStoredName()} ({refund.Amount} fen of detail #{refund.DetailSeq})",
            notificationId);
    }

    /// <summary>WeChat refused the create (a definite 4xx): the refund never existed there, its amount is refundable again.</summary>
    public OrderEventRecord? Refuse(RefundRecord refund, WeChatPayException exception, OrderSource source, long now)
    {
        ArgumentNullException.ThrowIfNull(refund);
        ArgumentNullException.ThrowIfNull(exception);
        if (refund.Phase != RefundPhase.Pending)
        {
            return null;
        }

        refund.Phase = RefundPhase.Failed;
        refund.Error = Describe(exception);
        refund.UpdatedAt = now;
        refund.NextCheckAt = null;
        return Entry(refund, source, now, $"refund {refund.OutRefundNo}: PENDING → FAILED: {refund.Error}", null);
    }

    /// <summary>No usable answer (timeout, 5xx, 429, bad signature): the reconciler asks WeChat later, and resends the same bytes if WeChat has no such refund.</summary>
    public OrderEventRecord? Unknown(RefundRecord refund, WeChatPayException exception, OrderSource source, long now)
    {
        ArgumentNullException.ThrowIfNull(refund);
        ArgumentNullException.ThrowIfNull(exception);
        refund.Error = Describe(exception);
        refund.CheckAttempts++;
        refund.NextCheckAt = refund.Phase.IsFinal() ? null : NextCheck(now, refund.CheckAttempts - 1);
        return source is OrderSource.Reconciler ? null : new OrderEventRecord
        {
            OrderId = refund.OrderId, At = now, Kind = OrderEventKind.CallFailed, Source = source,
            Detail = Truncate($"refund {refund.OutRefundNo}: no usable answer ({refund.Error}); the reconciler asks WeChat and resends the same request if needed"),
        };
    }

    /// <summary>Whether a failure means WeChat did not accept the refund (a definite refusal, not a transient or unverifiable answer).</summary>
    public static bool IsRefusal(WeChatPayException exception) =>
        exception is WeChatPayApiException { IsTransient: false, Kind: not WeChatPayErrorKind.SignatureRejected };

    private static OrderEventRecord Entry(RefundRecord refund, OrderSource source, long now, string detail, string? notificationId) => new()
    {
        OrderId = refund.OrderId, At = now, Kind = OrderEventKind.RefundChanged, Source = source, NotificationId = notificationId, Detail = Truncate(detail),
    };

    private static string Describe(WeChatPayException exception) =>
        Truncate(exception is WeChatPayApiException api ? $"{(int)api.StatusCode} {api.Code} {api.ErrorMessage}" : exception.Message, 900);

    private static string Truncate(string text, int length = 2000) => text.Length > length ? text[..length] : text;
}
