namespace WxPayScore.Sandbox.Notifications;

/// <summary>One POST of a callback to the merchant, and its answer.</summary>
internal sealed record DeliveryAttempt
{
    public int Number { get; init; }

    /// <summary><c>first</c>, <c>retry</c>, <c>resend</c>, <c>duplicate</c>, <c>probe</c> (SIGNTEST-signed copy) or <c>dropped</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>Business time of the attempt.</summary>
    public DateTimeOffset Time { get; init; }

    public DateTimeOffset WallTime { get; init; }

    public int? StatusCode { get; init; }

    public string? Error { get; init; }

    public bool Success { get; init; }

    public long DurationMs { get; init; }
}
