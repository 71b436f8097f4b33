namespace WxPayScore.Server.Refunds;

/// <summary>The body of <c>POST /admin/api/orders/{outOrderNo}/refunds</c>: how much to refund (fen) and why (shown to the user, ≤ 80 bytes).</summary>
public sealed record CreateRefundRequest(long? Amount, string? Reason);
