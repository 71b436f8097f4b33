using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WxPayScore.Configuration;
using WxPayScore.Diagnostics;
using WxPayScore.Errors;
using WxPayScore.Json;
using WxPayScore.Refunds;
using WxPayScore.Security;
using WxPayScore.ServiceOrders;

namespace WxPayScore.Callbacks;

/// <summary>
/// The one entry point for callbacks: size limit, timestamp window, serial, signature over the raw bytes, then
/// AES-256-GCM decryption and typed parsing. Every bad input yields a distinct <see cref="CallbackFailure"/>.
/// </summary>
public class CallbackReader
{
    private readonly SignatureVerifier? verifier;
    private readonly ResourceCipher? cipher;
    private readonly ILogger<CallbackReader>? logger;
    private readonly int maxBodyBytes;

    internal CallbackReader(SignatureVerifier verifier, MerchantCredentials credentials, IOptions<WxPayScoreOptions> options, ILogger<CallbackReader> logger)
        : this(verifier, (credentials ?? throw new ArgumentNullException(nameof(credentials))).Cipher, (options ?? throw new ArgumentNullException(nameof(options))).Value.MaxCallbackBodyBytes, logger)
    {
    }

    internal CallbackReader(SignatureVerifier verifier, ResourceCipher cipher, int maxBodyBytes, ILogger<CallbackReader> logger)
    {
        this.verifier = verifier ?? throw new ArgumentNullException(nameof(verifier));
        this.cipher = cipher ?? throw new ArgumentNullException(nameof(cipher));
        this.logger = logger ?? throw new ArgumentNullException(nameof(logger));
        this.maxBodyBytes = maxBodyBytes;
    }

    /// <summary>For test doubles: a subclass overrides <see cref="ReadAsync"/>; the base implementation then throws.</summary>
    protected CallbackReader()
    {
    }

    /// <summary>Bodies larger than this are refused with <see cref="CallbackFailure.BodyTooLarge"/> (<c>WeChatPay:MaxCallbackBodyBytes</c>).</summary>
    public int MaxBodyBytes => maxBodyBytes;

    /// <summary>
    /// Verifies and decrypts one callback from its raw body and <c>Wechatpay-*</c> headers. Bad input is a
    /// <see cref="CallbackResult"/> with a <see cref="CallbackFailure"/>, never an exception: answer it with a non-2xx.
    /// </summary>
    public virtual async ValueTask<CallbackResult> ReadAsync(ReadOnlyMemory<byte> body, CallbackHeaders headers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(headers);
        using var activity = WxPayScoreDiagnostics.ActivitySource.StartActivity("WeChatPay callback", ActivityKind.Server);
        if (verifier is null || cipher is null || logger is null)
        {
            throw new InvalidOperationException($"This {nameof(CallbackReader)} was made for a test double; override {nameof(ReadAsync)}.");
        }

        var result = await ReadCoreAsync(verifier, cipher, body, headers, cancellationToken).ConfigureAwait(false);
        var outcome = result.IsValid ? "ok" : result.Failure.ToString();
        activity?.SetTag("wxpayscore.callback.outcome", outcome);
        activity?.SetTag("wxpayscore.callback.event_type", result.Callback?.EventType);
        WxPayScoreDiagnostics.Callbacks.Add(1, new TagList { { "event_type", result.Callback?.EventType ?? "unknown" }, { "outcome", outcome } });
        if (!result.IsValid)
        {
            logger.LogWarning("Refused a WeChat Pay callback: {Failure} {Error}", result.Failure, result.Error);
        }

        return result;
    }

    private async ValueTask<CallbackResult> ReadCoreAsync(SignatureVerifier verifier, ResourceCipher cipher, ReadOnlyMemory<byte> body, CallbackHeaders headers, CancellationToken cancellationToken)
    {
        if (body.Length > maxBodyBytes)
        {
            return CallbackResult.Invalid(CallbackFailure.BodyTooLarge, $"The body is {body.Length} bytes; at most {maxBodyBytes} are accepted.");
        }

        ResponseVerificationFailure verification;
        try
        {
            verification = await verifier.VerifyAsync(headers.Timestamp, headers.Nonce, headers.Signature, headers.Serial, body, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Certificate mode: the serial could not be checked because the certificates could not be downloaded. Refuse
            // (WeChat redelivers later) rather than throw into the caller's endpoint.
            return CallbackResult.Invalid(CallbackFailure.UnknownSerial,
                $"Wechatpay-Serial '{headers.Serial}' could not be checked: the platform certificates could not be obtained ({ex.GetType().Name}: {ex.Message}).");
        }

        switch (verification)
        {
            case ResponseVerificationFailure.None:
                break;
            case ResponseVerificationFailure.MissingHeaders:
                return CallbackResult.Invalid(CallbackFailure.MissingHeaders, "Wechatpay-Timestamp, -Nonce, -Signature and -Serial are all required.");
            case ResponseVerificationFailure.StaleTimestamp:
                return CallbackResult.Invalid(CallbackFailure.StaleTimestamp, $"Wechatpay-Timestamp is not within {verifier.Tolerance.TotalSeconds} s of now.");
            case ResponseVerificationFailure.UnknownSerial:
                return CallbackResult.Invalid(CallbackFailure.UnknownSerial, $"Wechatpay-Serial '{headers.Serial}' is not a key we hold.");
            case ResponseVerificationFailure.SignatureProbe:
                return CallbackResult.Invalid(CallbackFailure.SignatureProbe, "WECHATPAY/SIGNTEST/ probe signature: refused, as WeChat expects.");
            default:
                return CallbackResult.Invalid(CallbackFailure.InvalidSignature, "The signature does not verify over the raw body.");
        }

        // The envelope is read from the raw bytes, so the ciphertext goes from the body to the decoder without a string.
        if (!CallbackEnvelopeReader.TryRead(body.Span, out var envelope, out var envelopeError))
        {
            return CallbackResult.Invalid(CallbackFailure.MalformedEnvelope, "The body is not a notification envelope: " + envelopeError);
        }

        if (envelope is not { Id: { Length: > 0 } id, EventType: { Length: > 0 } eventType, HasResource: true })
        {
            return CallbackResult.Invalid(CallbackFailure.MalformedEnvelope, "The envelope lacks id, event_type or resource.");
        }

        if (!CallbackEnvelopeReader.IsAeadAes256Gcm(envelope.Algorithm, body.Span))
        {
            return CallbackResult.Invalid(CallbackFailure.UnsupportedAlgorithm,
                $"resource.algorithm '{CallbackEnvelopeReader.Describe(envelope.Algorithm, body.Span)}' is not AEAD_AES_256_GCM.");
        }

        byte[] plaintext;
        try
        {
            var span = body.Span;
            plaintext = cipher.Decrypt(envelope.Nonce.Bytes(span), envelope.AssociatedData.Bytes(span), envelope.Ciphertext.Bytes(span));
        }
        catch (ResourceDecryptionException ex)
        {
            return ex.Failure == ResourceDecryptionFailure.InvalidBase64
                ? CallbackResult.Invalid(CallbackFailure.InvalidBase64, ex.Message)
                : CallbackResult.Invalid(CallbackFailure.DecryptionFailed, ex.Message);
        }

        if (RefundCallback.StatusOf(eventType) is not RefundStatus.Unknown and var refundStatus)
        {
            return ReadRefund(id, envelope, eventType, refundStatus, plaintext);
        }

        if (eventType is not (PayScoreCallback.UserConfirmEvent or PayScoreCallback.UserPaidEvent))
        {
            return CallbackResult.Valid(new UnknownCallback
            {
                Id = id, CreateTime = envelope.CreateTime, EventType = eventType, Summary = envelope.Summary, Plaintext = plaintext,
            });
        }

        ServiceOrder? order;
        try
        {
            order = JsonSerializer.Deserialize(plaintext, WxPayScoreJsonContext.Wire.ServiceOrder);
        }
        catch (JsonException ex)
        {
            return CallbackResult.Invalid(CallbackFailure.MalformedResource, "The decrypted resource is not a service order: " + ex.Message);
        }

        if (order is not { OutOrderNo: not null })
        {
            return CallbackResult.Invalid(CallbackFailure.MalformedResource, "The decrypted resource has no out_order_no.");
        }

        PayScoreCallback callback = eventType == PayScoreCallback.UserConfirmEvent
            ? new ConfirmCallback { Id = id, CreateTime = envelope.CreateTime, EventType = eventType, Summary = envelope.Summary, Plaintext = plaintext, Order = order }
            : new PaidCallback { Id = id, CreateTime = envelope.CreateTime, EventType = eventType, Summary = envelope.Summary, Plaintext = plaintext, Order = order };
        return CallbackResult.Valid(callback);
    }

    /// <summary>
    /// A <c>REFUND.*</c> resource (refunds.md §5.2). Its <c>associated_data</c> is <c>refund</c> in real traffic and empty in
    /// the official examples: whichever was sent authenticated the decryption above. The payload's <c>refund_status</c>
    /// must be the one the event names.
    /// </summary>
    private static CallbackResult ReadRefund(string id, CallbackEnvelopeReader.Envelope envelope, string eventType, RefundStatus status, byte[] plaintext)
    {
        RefundNotification? refund;
        try
        {
            refund = JsonSerializer.Deserialize(plaintext, WxPayScoreJsonContext.Wire.RefundNotification);
        }
        catch (JsonException ex)
        {
            return CallbackResult.Invalid(CallbackFailure.MalformedResource, "The decrypted resource is not a refund notification: " + ex.Message);
        }

        if (refund is not { OutRefundNo.Length: > 0, SubMchId.Length: > 0 })
        {
            return CallbackResult.Invalid(CallbackFailure.MalformedResource, "The decrypted refund notification has no out_refund_no or sub_mchid.");
        }

        if (refund.Status != status)
        {
            return CallbackResult.Invalid(CallbackFailure.MalformedResource,
                $"The decrypted refund notification says refund_status '{refund.RefundStatusText}' under event {eventType}.");
        }

        RefundCallback callback = status switch
        {
            RefundStatus.Success => new RefundSuccessCallback { Id = id, CreateTime = envelope.CreateTime, EventType = eventType, Summary = envelope.Summary, Plaintext = plaintext, Refund = refund },
            RefundStatus.Abnormal => new RefundAbnormalCallback { Id = id, CreateTime = envelope.CreateTime, EventType = eventType, Summary = envelope.Summary, Plaintext = plaintext, Refund = refund },
            _ => new RefundClosedCallback { Id = id, CreateTime = envelope.CreateTime, EventType = eventType, Summary = envelope.Summary, Plaintext = plaintext, Refund = refund },
        };
        return CallbackResult.Valid(callback);
    }
}
