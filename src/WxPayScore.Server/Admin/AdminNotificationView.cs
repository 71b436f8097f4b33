namespace WxPayScore.Server.Admin;

/// <summary>A callback delivery as logged (including refused ones, which name no order).</summary>
public sealed record AdminNotificationView(
    DateTimeOffset ReceivedAt,
    string? NotificationId,
    string? EventType,
    string Verification,
    string Outcome,
    string? OutOrderNo,
    string? Error,
    string? Instance);
