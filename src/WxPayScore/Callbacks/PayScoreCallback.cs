namespace WxPayScore.Callbacks;

/// <summary>A verified, decrypted callback. <see cref="Plaintext"/> is the decrypted resource as received.</summary>
public abstract record PayScoreCallback
{
    public const string UserConfirmEvent = "PAYSCORE.USER_CONFIRM";
    public const string UserPaidEvent = "PAYSCORE.USER_PAID";

    /// <summary>Notification id: deduplicate on it.</summary>
    public required string Id { get; init; }

    public DateTimeOffset? CreateTime { get; init; }

    public required string EventType { get; init; }

    public string? Summary { get; init; }

    public required ReadOnlyMemory<byte> Plaintext { get; init; }
}
