using System.Buffers;
using System.Globalization;
using WxPayScore.Errors;

namespace WxPayScore.Security;

/// <summary>
/// Verifies a signed WeChat message (response or callback) in the order the official samples use:
/// headers present, timestamp window, serial known, signature over <c>timestamp\nnonce\nraw body\n</c>.
/// </summary>
internal sealed class SignatureVerifier
{
    private readonly IVerificationKeyStore keys;
    private readonly TimeProvider time;

    public SignatureVerifier(IVerificationKeyStore keys, TimeProvider time, TimeSpan tolerance)
    {
        this.keys = keys ?? throw new ArgumentNullException(nameof(keys));
        this.time = time ?? throw new ArgumentNullException(nameof(time));
        Tolerance = tolerance;
    }

    public TimeSpan Tolerance { get; }

    public async ValueTask<ResponseVerificationFailure> VerifyAsync(
        string? timestamp, string? nonce, string? signature, string? serial, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(nonce) || string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(serial))
        {
            return ResponseVerificationFailure.MissingHeaders;
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ||
            Math.Abs(time.GetUtcNow().ToUnixTimeSeconds() - seconds) > Tolerance.TotalSeconds)
        {
            return ResponseVerificationFailure.StaleTimestamp;
        }

        var key = await keys.FindAsync(serial, cancellationToken).ConfigureAwait(false);
        if (key is null)
        {
            return ResponseVerificationFailure.UnknownSerial;
        }

        if (signature.StartsWith(RsaSignature.SignTestPrefix, StringComparison.Ordinal))
        {
            return ResponseVerificationFailure.SignatureProbe;
        }

        var message = SigningString.RentResponse(timestamp, nonce, body.Span, out var length);
        try
        {
            return RsaSignature.Verify(key, message.AsSpan(0, length), signature) ? ResponseVerificationFailure.None : ResponseVerificationFailure.InvalidSignature;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(message);
        }
    }
}
