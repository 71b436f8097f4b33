using WxPayScore.Server.Persistence;

namespace WxPayScore.Server.Admin;

/// <summary>A callback delivery as logged (including refused ones, which name no order).</summary>
public sealed record AdminNotificationView(
    DateTimeOffset ReceivedAt,
    string? NotificationId,
    string? EventType,
    string Verification,
    NotificationOutcome Outcome,
    string? OutOrderNo,
    string? Error,
    string? Instance);
