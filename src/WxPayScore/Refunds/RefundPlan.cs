namespace WxPayScore.Refunds;

/// <summary>How a refund of an order's amount is split across its collection details: one refund per part.</summary>
/// <param name="Amount">The amount planned, in fen (the sum of the parts).</param>
/// <param name="Parts">The refunds to make, oldest detail first.</param>
public sealed record RefundPlan(long Amount, IReadOnlyList<RefundPlanPart> Parts);
