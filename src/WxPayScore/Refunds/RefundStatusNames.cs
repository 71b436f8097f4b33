namespace WxPayScore.Refunds;

/// <summary>The wire spellings of <see cref="RefundStatus"/>.</summary>
public static class RefundStatusNames
{
    /// <summary><c>PROCESSING</c>.</summary>
    public const string Processing = "PROCESSING";
    /// <summary><c>SUCCESS</c>.</summary>
    public const string Success = "SUCCESS";
    /// <summary><c>CLOSED</c>.</summary>
    public const string Closed = "CLOSED";
    /// <summary><c>ABNORMAL</c>.</summary>
    public const string Abnormal = "ABNORMAL";

    /// <summary>The status of a wire value; <see cref="RefundStatus.Unknown"/> for anything else.</summary>
    public static RefundStatus Parse(string? value) => value switch
    {
        Processing => RefundStatus.Processing,
        Success => RefundStatus.Success,
        Closed => RefundStatus.Closed,
        Abnormal => RefundStatus.Abnormal,
        _ => RefundStatus.Unknown,
    };

    /// <summary>
    /// Whether a refund may move from <paramref name="current"/> to <paramref name="next"/> (§8: forward only, so a late
    /// <c>PROCESSING</c> never downgrades a final status; <c>ABNORMAL</c> may go back to <c>PROCESSING</c> after an abnormal refund).
    /// </summary>
    public static bool IsForward(RefundStatus current, RefundStatus next) => (current, next) switch
    {
        (_, RefundStatus.Unknown) => false,
        (RefundStatus.Success or RefundStatus.Closed, _) => false,
        (RefundStatus.Unknown, _) => true,
        (RefundStatus.Processing, RefundStatus.Processing) => false,
        (RefundStatus.Processing, _) => true,
        (RefundStatus.Abnormal, RefundStatus.Abnormal) => false,
        (RefundStatus.Abnormal, _) => true,
        _ => false,
    };
}
