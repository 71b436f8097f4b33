namespace WxPayScore.Sandbox;

/// <summary>The faults the sandbox can inject (<c>POST /sandbox/faults</c>).</summary>
public static class FaultKinds
{
    /// <summary>500 SYSTEM_ERROR; nothing committed.</summary>
    public const string SystemError = "system_error";

    /// <summary>429 FREQUENCY_LIMITED; nothing committed.</summary>
    public const string FrequencyLimited = "frequency_limited";

    /// <summary>Answer normally after <c>delay_ms</c> (for <c>notify</c>: deliver after the delay).</summary>
    public const string Delay = "delay";

    /// <summary>Abort the connection before processing; nothing committed.</summary>
    public const string DropConnection = "drop_connection";

    /// <summary>Process and commit, then abort the connection without answering ("timeout after WeChat committed").</summary>
    public const string CommitThenDrop = "commit_then_drop";

    /// <summary>
    /// Process and commit, then hold the answer for <c>delay_ms</c> (abandoned if the caller goes away): the window in
    /// which a merchant process can die after WeChat committed and before it stored the answer.
    /// </summary>
    public const string CommitThenDelay = "commit_then_delay";

    /// <summary>Answer with a signature that does not verify.</summary>
    public const string InvalidSignature = "invalid_signature";

    /// <summary>Answer with a <c>WECHATPAY/SIGNTEST/…</c> probe signature.</summary>
    public const string SignTestSignature = "signtest_signature";

    /// <summary>notify: deliver the callback twice.</summary>
    public const string Duplicate = "duplicate";

    /// <summary>notify: hold a USER_CONFIRM callback until a later callback of the same order has been delivered.</summary>
    public const string OutOfOrder = "out_of_order";

    /// <summary>
    /// notify: the first attempt is sent, but counts as failed whatever the merchant answers (as if its answer were lost on
    /// the way back), so the callback is retried on the retry schedule and the merchant receives it again.
    /// </summary>
    public const string Fail = "fail";

    /// <summary>notify: never deliver the callback.</summary>
    public const string NeverDeliver = "never_deliver";

    /// <summary>notify: first send a SIGNTEST-signed copy (expecting a non-2xx answer), then the correct one.</summary>
    public const string SignTestProbe = "signtest_probe";

    public static IReadOnlyList<string> ApiKinds { get; } =
        [SystemError, FrequencyLimited, Delay, DropConnection, CommitThenDrop, CommitThenDelay, InvalidSignature, SignTestSignature];

    public static IReadOnlyList<string> NotifyKinds { get; } = [Duplicate, OutOfOrder, Fail, NeverDeliver, SignTestProbe, Delay];
}
