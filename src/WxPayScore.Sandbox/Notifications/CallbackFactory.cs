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

    public NotificationRecord Create(OrderRecord order, RegisteredMerchant merchant, string eventType)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(merchant);
        var plaintext = WireWriter.Order(order.Order with { Package = null });
        var now = clock.BeijingNow;
        now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
        var encrypted = merchant.Cipher.EncryptResource(plaintext, string.Empty, "payscore");
        var envelope = new WireCallbackEnvelope
        {
            Id = Guid.NewGuid().ToString(),
            CreateTime = now,
            ResourceType = "encrypt-resource",
            EventType = eventType,
            Summary = eventType == PayScoreCallback.UserConfirmEvent ? "确认订单" : "支付成功",
            Resource = new WireResource
            {
                OriginalType = encrypted.OriginalType,
                Algorithm = encrypted.Algorithm!,
                Ciphertext = encrypted.Ciphertext!,
                AssociatedData = encrypted.AssociatedData ?? string.Empty,
                Nonce = encrypted.Nonce!,
            },
        };
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
}
