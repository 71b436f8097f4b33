namespace WxPayScore.Sandbox.Refunds;

/// <summary>The idempotency key of a refund (refunds.md §10.4).</summary>
internal readonly record struct RefundKey(string SubMchId, string OutRefundNo)
{
    public override string ToString() => $"{SubMchId}/{OutRefundNo}";
}
