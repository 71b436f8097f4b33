namespace WxPayScore.Server.Persistence;

/// <summary>What <see cref="OrderWrites.InsertRefundsAsync"/> writes for one refund request: each refund with the journal row of its create, and the order's history entries.</summary>
/// <param name="Refunds">The ledger rows, each with the journal row of its create (the exact bytes to send).</param>
/// <param name="Entries">History entries of the order.</param>
public sealed record PlannedRefunds(IReadOnlyList<(RefundRecord Refund, WeChatCallRecord Call)> Refunds, IReadOnlyList<OrderEventRecord> Entries);
