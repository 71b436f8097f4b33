namespace WxPayScore.Callbacks;

/// <summary>A verified, decrypted callback. <see cref="Plaintext"/> is the decrypted resource as received.</summary>
public abstract record PayScoreCallback
{
    /// <summary><c>event_type</c> of <see cref="ConfirmCallback"/>.</summary>
    public const string UserConfirmEvent = "PAYSCORE.USER_CONFIRM";
    /// <summary><c>event_type</c> of <see cref="PaidCallback"/>.</summary>
    public const string UserPaidEvent = "PAYSCORE.USER_PAID";

    /// <summary>Notification id: deduplicate on it.</summary>
    public required string Id { get; init; }

    /// <summary>When WeChat created the notification (<c>create_time</c>).</summary>
    public DateTimeOffset? CreateTime { get; init; }

    /// <summary><c>event_type</c>, e.g. <c>PAYSCORE.USER_PAID</c>.</summary>
    public required string EventType { get; init; }

    /// <summary>WeChat's short description of the event (<c>summary</c>).</summary>
    public string? Summary { get; init; }

    /// <summary>The decrypted <c>resource</c> exactly as received (UTF-8 JSON).</summary>
    public required ReadOnlyMemory<byte> Plaintext { get; init; }
}
