using System.Text.Json;
using WxPayScore.Callbacks;
using WxPayScore.Json;
using WxPayScore.Sandbox.Merchants;
using WxPayScore.Sandbox.Orders;

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
        var plaintext = JsonSerializer.SerializeToUtf8Bytes(order.Order with { Package = null }, WxPayScoreJsonContext.Wire.ServiceOrder);
        var now = clock.BeijingNow;
        now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
        var envelope = new CallbackEnvelope
        {
            Id = Guid.NewGuid().ToString(),
            CreateTime = now,
            ResourceType = "encrypt-resource",
            EventType = eventType,
            Summary = eventType == PayScoreCallback.UserConfirmEvent ? "确认订单" : "支付成功",
            Resource = merchant.Cipher.EncryptResource(plaintext, string.Empty, "payscore"),
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
            Body = JsonSerializer.Serialize(envelope, WxPayScoreJsonContext.Wire.CallbackEnvelope),
            CreatedAt = clock.UtcNow,
            State = NotificationState.Pending,
        };
    }
}
