using WxPayScore.Sandbox.Hosting;
using WxPayScore.Sandbox.Notifications;
using WxPayScore.Sandbox.Orders;
using WxPayScore.ServiceOrders;

namespace WxPayScore.Sandbox;

/// <summary>
/// The control surface of the sandbox, in process: the same operations as the HTTP control API under <c>/sandbox/…</c>.
/// Failures are <see cref="SandboxControlException"/>.
/// </summary>
public sealed class SandboxControl
{
    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(30);
    private readonly SandboxRuntime runtime;

    internal SandboxControl(SandboxRuntime runtime)
    {
        this.runtime = runtime;
    }

    /// <summary>The business clock (read-only here; move it with <see cref="AdvanceClockAsync"/>).</summary>
    public SandboxClock Clock => runtime.Clock;

    /// <summary>A <c>wx.login</c> code of <paramref name="user"/> for the mini program <paramref name="appId"/> (5 minutes, single use).</summary>
    public SandboxLoginCode CreateLoginCode(string user, string appId)
    {
        runtime.EnsureStarted();
        return runtime.Logins.Issue(user, appId);
    }

    /// <summary>Confirms the order of <paramref name="package"/> as <paramref name="user"/>, with the confirm page's rules (the package is spent).</summary>
    public SandboxConfirmation Confirm(string package, string? user = null)
    {
        runtime.EnsureStarted();
        var opening = runtime.Orders.OpenPackage(package, out var record);
        if (opening != PackageOpening.Opened || record is null)
        {
            throw new SandboxControlException(400, "INVALID_PACKAGE", $"订单未获得权益，系统繁忙 (package {Describe(opening)})");
        }

        return runtime.Orders.Confirm(record, string.IsNullOrWhiteSpace(user) ? SandboxUsers.DefaultUser : user);
    }

    /// <summary>Makes the simulated user's payment of a completed order succeed now, or fail (until pay/sync or a later success).</summary>
    public SandboxOrderInfo SetPaymentOutcome(string subMchId, string outOrderNo, bool succeed) =>
        SetPaymentOutcome(subMchId, outOrderNo, succeed, amount: null);

    /// <summary>
    /// Like <see cref="SetPaymentOutcome(string, string, bool)"/>; with <paramref name="amount"/> (fen, requires
    /// <paramref name="succeed"/>) only that part is collected: a <c>collection.details</c> entry of that amount, a
    /// <c>PAYSCORE.USER_PAID</c> callback, and the order stays DOING/MCH_COMPLETE + USER_PAYING until the part that
    /// completes the amount (DONE/USER_PAID). <c>null</c> collects the rest.
    /// </summary>
    public SandboxOrderInfo SetPaymentOutcome(string subMchId, string outOrderNo, bool succeed, long? amount)
    {
        runtime.EnsureStarted();
        runtime.Orders.SetPaymentOutcome(subMchId, outOrderNo, succeed, amount);
        return GetOrder(subMchId, outOrderNo);
    }

    /// <summary>The simulated user pays <paramref name="amount"/> fen of a completed order (a partial collection; see <see cref="SetPaymentOutcome(string, string, bool, long?)"/>).</summary>
    public SandboxOrderInfo CollectPart(string subMchId, string outOrderNo, long amount) =>
        SetPaymentOutcome(subMchId, outOrderNo, succeed: true, amount);

    public IReadOnlyList<SandboxOrderInfo> GetOrders()
    {
        runtime.EnsureStarted();
        return runtime.Orders.All.Select(r => OrderViews.Info(runtime.Orders, r)).ToArray();
    }

    public SandboxOrderInfo GetOrder(string subMchId, string outOrderNo)
    {
        runtime.EnsureStarted();
        return OrderViews.Info(runtime.Orders, runtime.Orders.Get(subMchId, outOrderNo));
    }

    /// <summary>Every callback with every delivery attempt, oldest first.</summary>
    public IReadOnlyList<SandboxNotificationInfo> GetNotifications()
    {
        runtime.EnsureStarted();
        return runtime.Notifications.All.Select(ToInfo).ToArray();
    }

    /// <summary>Delivers a callback once more, now (same id and body, fresh signature).</summary>
    public async Task<SandboxNotificationInfo> ResendNotificationAsync(string id, CancellationToken cancellationToken = default)
    {
        runtime.EnsureStarted();
        var record = runtime.Notifications.Resend(id);
        await runtime.Notifications.WaitForIdleAsync(DefaultWait, cancellationToken).ConfigureAwait(false);
        return ToInfo(record);
    }

    public SandboxClockInfo GetClock()
    {
        runtime.EnsureStarted();
        return new SandboxClockInfo
        {
            Now = runtime.Clock.BeijingNow,
            WallNow = runtime.Clock.Wall.GetUtcNow().ToOffset(ServiceTime.BeijingOffset),
            OffsetSeconds = (long)Math.Round(runtime.Clock.Offset.TotalSeconds),
        };
    }

    /// <summary>
    /// Moves the business clock forward and runs everything that becomes due on the way, in time order: delayed
    /// collections, callback retries (each at its own scheduled time), expiries. Returns once the callbacks it
    /// triggered have been delivered or have failed.
    /// </summary>
    public async Task<SandboxClockInfo> AdvanceClockAsync(TimeSpan by, CancellationToken cancellationToken = default)
    {
        if (by < TimeSpan.Zero)
        {
            throw new SandboxControlException(400, "PARAM_ERROR", "The business clock only moves forward.");
        }

        runtime.EnsureStarted();
        await runtime.Notifications.WaitForIdleAsync(DefaultWait, cancellationToken).ConfigureAwait(false);
        var target = runtime.Clock.UtcNow + by;
        for (var step = 0; step < 10_000; step++)
        {
            var next = Earliest(Earliest(runtime.Orders.NextDue(), runtime.Refunds.NextDue()), runtime.Notifications.NextDue());
            if (next is not { } due || due > target)
            {
                break;
            }

            MoveTo(due);
            runtime.RunDue();
            await runtime.Notifications.WaitForIdleAsync(DefaultWait, cancellationToken).ConfigureAwait(false);
        }

        MoveTo(target);
        runtime.RunDue();
        await runtime.Notifications.WaitForIdleAsync(DefaultWait, cancellationToken).ConfigureAwait(false);
        return GetClock();
    }

    /// <summary>Waits until no callback is queued or being delivered (deliveries run in the background).</summary>
    public Task WaitForDeliveriesAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        runtime.EnsureStarted();
        return runtime.Notifications.WaitForIdleAsync(timeout ?? DefaultWait, cancellationToken);
    }

    /// <summary>Every refund, oldest first, with what is due applied.</summary>
    public IReadOnlyList<SandboxRefundInfo> GetRefunds()
    {
        runtime.EnsureStarted();
        runtime.Refunds.RunDue(runtime.Clock.UtcNow);
        return runtime.Refunds.List().Select(ToInfo).ToList();
    }

    public SandboxRefundInfo GetRefund(string subMchId, string outRefundNo)
    {
        runtime.EnsureStarted();
        runtime.Refunds.RunDue(runtime.Clock.UtcNow);
        return ToInfo(runtime.Refunds.Get(subMchId, outRefundNo));
    }

    /// <summary>Refunds of <paramref name="transactionId"/> go ABNORMAL (with REFUND.ABNORMAL) when they settle, until rerouted by an abnormal refund.</summary>
    public void InjectAbnormalRefund(string transactionId)
    {
        runtime.EnsureStarted();
        runtime.Refunds.InjectAbnormal(transactionId);
    }

    /// <summary>A sub-merchant's refund balance: <c>unlimited</c>, <c>reject</c> (403 NOT_ENOUGH) or <c>queue</c> (PROCESSING, CLOSED after 7 days).</summary>
    public void SetRefundFunds(string subMchId, string mode, long balance)
    {
        if (mode is not (Refunds.SubMerchantFunds.Unlimited or Refunds.SubMerchantFunds.Reject or Refunds.SubMerchantFunds.Queue))
        {
            throw new SandboxControlException(400, "PARAM_ERROR", "mode must be unlimited, reject or queue.");
        }

        if (balance < 0)
        {
            throw new SandboxControlException(400, "PARAM_ERROR", "balance must be ≥ 0 (fen).");
        }

        runtime.EnsureStarted();
        runtime.Refunds.SetFunds(subMchId, mode, balance);
    }

    public SandboxFault AddFault(SandboxFaultRequest fault) => runtime.Faults.Add(fault);

    public IReadOnlyList<SandboxFault> GetFaults() => runtime.Faults.List();

    public void ClearFaults() => runtime.Faults.Clear();

    internal static SandboxNotificationInfo ToInfo(NotificationRecord record)
    {
        lock (record.Gate)
        {
            return new SandboxNotificationInfo
            {
                Id = record.Id,
                EventType = record.EventType,
                SubMchId = record.SubMchId,
                OutOrderNo = record.OutOrderNo,
                OutRefundNo = record.OutRefundNo,
                Url = record.Url,
                State = record.State.ToString(),
                CreatedAt = record.CreatedAt.ToOffset(ServiceTime.BeijingOffset),
                NextAttemptAt = record.NextAttemptAt?.ToOffset(ServiceTime.BeijingOffset),
                Body = record.Body,
                Attempts = record.Attempts.Select(a => new SandboxDeliveryAttemptInfo
                {
                    Attempt = a.Number,
                    Kind = a.Kind,
                    Time = a.Time.ToOffset(ServiceTime.BeijingOffset),
                    WallTime = a.WallTime.ToOffset(ServiceTime.BeijingOffset),
                    StatusCode = a.StatusCode,
                    Error = a.Error,
                    Success = a.Success,
                    DurationMs = a.DurationMs,
                }).ToArray(),
            };
        }
    }

    internal static SandboxRefundInfo ToInfo(Refunds.RefundRecord r) => new()
    {
        SubMchId = r.SubMchId, OutRefundNo = r.OutRefundNo, RefundId = r.RefundId, OutOrderNo = r.OutOrderNo, TransactionId = r.TransactionId,
        OutTradeNo = r.OutTradeNo, Status = r.Status, Refund = r.Refund, Total = r.Total, Channel = r.Channel, UserReceivedAccount = r.UserReceivedAccount,
        CreatedAt = r.CreatedAt.ToOffset(ServiceTime.BeijingOffset), SuccessAt = r.SuccessAt?.ToOffset(ServiceTime.BeijingOffset),
        DueAt = r.DueAt?.ToOffset(ServiceTime.BeijingOffset), CloseAt = r.CloseAt?.ToOffset(ServiceTime.BeijingOffset),
    };

    internal static string Describe(PackageOpening opening) => opening switch
    {
        PackageOpening.Unknown => "unknown",
        PackageOpening.Expired => "expired: valid 1 hour after create",
        PackageOpening.Spent => "already used: a package is spent once its confirm page is opened",
        PackageOpening.NotConfirmable => "of an order that is no longer CREATED",
        _ => "ok",
    };

    private void MoveTo(DateTimeOffset time)
    {
        var gap = time - runtime.Clock.UtcNow;
        if (gap > TimeSpan.Zero)
        {
            runtime.Clock.Advance(gap);
        }

        runtime.Store.SaveClockOffset(runtime.Clock.Offset);
    }

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a < b ? a : b;
}
