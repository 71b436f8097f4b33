namespace WxPayScore.Callbacks;

/// <summary>A verified callback of a type this SDK does not model; the decrypted JSON is in <see cref="PayScoreCallback.Plaintext"/>.</summary>
public sealed record UnknownCallback : PayScoreCallback;
