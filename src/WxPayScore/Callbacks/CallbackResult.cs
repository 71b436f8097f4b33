using System.Diagnostics.CodeAnalysis;

namespace WxPayScore.Callbacks;

/// <summary>The outcome of reading a callback: a typed callback, or a typed failure. Never an exception for bad input.</summary>
public sealed record CallbackResult
{
    private CallbackResult(PayScoreCallback? callback, CallbackFailure failure, string? error)
    {
        Callback = callback;
        Failure = failure;
        Error = error;
    }

    public PayScoreCallback? Callback { get; }

    public CallbackFailure Failure { get; }

    /// <summary>A sentence saying what was wrong (safe to log: no key material).</summary>
    public string? Error { get; }

    [MemberNotNullWhen(true, nameof(Callback))]
    public bool IsValid => Callback is not null;

    public static CallbackResult Valid(PayScoreCallback callback) => new(callback ?? throw new ArgumentNullException(nameof(callback)), CallbackFailure.None, null);

    public static CallbackResult Invalid(CallbackFailure failure, string error) => new(null, failure, error);
}
