using WxPayScore.Server.Persistence;

namespace WxPayScore.Server.Refunds;

/// <summary>One refund of the ledger as the admin API shows it.</summary>
public sealed record AdminRefundView(
    string OutRefundNo,
    string SubMchId,
    string TransactionId,
    int DetailSeq,
    long DetailAmount,
    long Amount,
    string? Reason,
    RefundPhase Status,
    string? RefundId,
    string? Channel,
    string? UserReceivedAccount,
    string? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? SucceededAt,
    DateTimeOffset? NextCheckAt)
{
    public static AdminRefundView From(RefundRecord r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.OutRefundNo, r.SubMchId, r.TransactionId, r.DetailSeq, r.DetailAmount, r.Amount, r.Reason, r.Phase, r.RefundId, r.Channel,
            r.UserReceivedAccount, r.Error, Time(r.CreatedAt), Time(r.UpdatedAt), r.SucceededAt is { } s ? Time(s) : null, r.NextCheckAt is { } n ? Time(n) : null);
    }

    private static DateTimeOffset Time(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
