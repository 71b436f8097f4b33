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

    /// <summary>The verified, decrypted callback; <see langword="null"/> when refused.</summary>
    public PayScoreCallback? Callback { get; }

    /// <summary>Why the callback was refused; <see cref="CallbackFailure.None"/> when accepted.</summary>
    public CallbackFailure Failure { get; }

    /// <summary>A sentence saying what was wrong (safe to log: no key material).</summary>
    public string? Error { get; }

    /// <summary>Whether the callback was accepted (then <see cref="Callback"/> is set).</summary>
    [MemberNotNullWhen(true, nameof(Callback))]
    public bool IsValid => Callback is not null;

    /// <summary>An accepted callback.</summary>
    public static CallbackResult Valid(PayScoreCallback callback) => new(callback ?? throw new ArgumentNullException(nameof(callback)), CallbackFailure.None, null);

    /// <summary>A refused callback, with its reason and a sentence for the log.</summary>
    public static CallbackResult Invalid(CallbackFailure failure, string error) => new(null, failure, error);
}
