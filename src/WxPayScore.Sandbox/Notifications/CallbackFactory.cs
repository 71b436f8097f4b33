using WxPayScore.Callbacks;
using WxPayScore.Sandbox.Merchants;
using WxPayScore.Sandbox.Orders;
using WxPayScore.Sandbox.Orders.Wire;

namespace WxPayScore.Sandbox.Notifications;

/// <summary>
/// Builds a callback as WeChat does (spec §7.2): the order's snapshot (without <c>package</c>) encrypted with
/// AEAD_AES_256_GCM under the merchant's APIv3 key (empty associated data, <c>original_type=payscore</c>) inside the
/// envelope, whose JSON stays the same on every attempt.
/// </summary>
internal sealed class CallbackFactory
{
    private readonly SandboxClock clock;
    private long sequence;

    public CallbackFactory(SandboxClock clock)
    {
        this.clock = clock;
    }

    /// <summary>Continues the numbering after restored callbacks.</summary>
    public void Restored(long lastSequence)
    {
        long seen;
        do
        {
            seen = Interlocked.Read(ref sequence);
        }
        while (lastSequence > seen && Interlocked.CompareExchange(ref sequence, lastSequence, seen) != seen);
    }

    /// <summary>
    /// A <c>REFUND.*</c> notification (refunds.md §5.1): <paramref name="plaintext"/> encrypted with <c>original_type=refund</c>
    /// and <paramref name="associatedData"/> (<c>refund</c>, or empty like the official examples).
    /// </summary>
    public NotificationRecord CreateRefund(RegisteredMerchant merchant, string subMchId, string outOrderNo, string outRefundNo, string url,
        string eventType, string summary, byte[] plaintext, string associatedData)
    {
        ArgumentNullException.ThrowIfNull(merchant);
        var encrypted = merchant.Cipher.EncryptResource(plaintext, associatedData, "refund");
        var envelope = Envelope(eventType, summary, encrypted);
        return new NotificationRecord
        {
            Id = envelope.Id,
            Sequence = Interlocked.Increment(ref sequence),
            EventType = eventType,
            MchId = merchant.MchId,
            SubMchId = subMchId,
            OutOrderNo = outOrderNo,
            OutRefundNo = outRefundNo,
            Url = url,
            Body = WireWriter.Envelope(envelope),
            CreatedAt = clock.UtcNow,
            State = NotificationState.Pending,
        };
    }

    public NotificationRecord Create(OrderRecord order, RegisteredMerchant merchant, string eventType)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(merchant);
        var plaintext = WireWriter.Order(order.Order with { Package = null });
        var encrypted = merchant.Cipher.EncryptResource(plaintext, string.Empty, "payscore");
        var envelope = Envelope(eventType, eventType == PayScoreCallback.UserConfirmEvent ? "确认订单" : "支付成功", encrypted);
        return new NotificationRecord
        {
            Id = envelope.Id,
            Sequence = Interlocked.Increment(ref sequence),
            EventType = eventType,
            MchId = order.MchId,
            SubMchId = order.SubMchId,
            OutOrderNo = order.OutOrderNo,
            Url = order.Order.NotifyUrl ?? string.Empty,
            Body = WireWriter.Envelope(envelope),
            CreatedAt = clock.UtcNow,
            State = NotificationState.Pending,
        };
    }

    private WireCallbackEnvelope Envelope(string eventType, string summary, WxPayScore.Security.EncryptedResource encrypted)
    {
        var now = clock.BeijingNow;
        now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
        return new WireCallbackEnvelope
        {
            Id = Guid.NewGuid().ToString(),
            CreateTime = now,
            ResourceType = "encrypt-resource",
            EventType = eventType,
            Summary = summary,
            Resource = new WireResource
            {
                OriginalType = encrypted.OriginalType,
                Algorithm = encrypted.Algorithm!,
                Ciphertext = encrypted.Ciphertext!,
                AssociatedData = encrypted.AssociatedData ?? string.Empty,
                Nonce = encrypted.Nonce!,
            },
        };
    }
}
