namespace WxPayScore.Refunds;

/// <summary>A refund could not be planned; nothing should be sent. <see cref="Failure"/> says why.</summary>
public sealed class RefundPlanException : InvalidOperationException
{
    /// <summary>Creates an exception with a default message.</summary>
    public RefundPlanException()
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/>.</summary>
    public RefundPlanException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    public RefundPlanException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a failure: why, a sentence, and what the order still had to refund.</summary>
    public RefundPlanException(RefundPlanFailure failure, string message, long refundable)
        : base(message)
    {
        Failure = failure;
        Refundable = refundable;
    }

    /// <summary>Why the refund could not be planned.</summary>
    public RefundPlanFailure Failure { get; }

    /// <summary>What the order's details still had to refund through WeChat (within the limits), in fen.</summary>
    public long Refundable { get; }
}
