namespace WxPayScore.Sandbox.Notifications;

/// <summary>One queued attempt: which callback, why (<c>first</c>, <c>retry</c>, <c>resend</c>), and a fault's delay before it.</summary>
internal readonly record struct DeliveryWork(string Id, string Kind, int DelayMs);
