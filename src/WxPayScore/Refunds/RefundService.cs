using System.Security.Cryptography;
using WxPayScore.Errors;
using WxPayScore.Http;
using WxPayScore.Json;
using WxPayScore.Security;
using WxPayScore.ServiceOrders;

namespace WxPayScore.Refunds;

/// <summary>
/// Refunds of collected Pay Score money through the generic partner refund API (refunds.md §§3–6), one refund per
/// collection detail's <c>transaction_id</c> (plan the split with <see cref="RefundPlanner"/>). As for service orders,
/// each call has a <c>Prepare…</c> step (validation and serialisation, once) giving a <see cref="PreparedCall"/>, and
/// <see cref="SendAsync"/> sends it; resend the same call after a timeout or 5xx, never a new <c>out_refund_no</c>.
/// Answers are signature-verified before they are parsed. The methods are virtual for test doubles.
/// </summary>
public class RefundService
{
    internal const string BasePath = "/v3/refund/domestic/refunds";

    private readonly WeChatPayTransport? transport;
    private readonly IVerificationKeyStore? keys;

    internal RefundService(WeChatPayTransport transport, IVerificationKeyStore keys)
    {
        this.transport = transport;
        this.keys = keys;
    }

    /// <summary>For test doubles: a subclass overrides the calls it needs; calling a method it does not override throws.</summary>
    protected RefundService()
    {
    }

    /// <summary>Validates and serialises a refund request (申请退款); throws <see cref="WeChatPayValidationException"/> before anything is sent.</summary>
    public static PreparedCall PrepareCreate(RefundCreateOptions options)
    {
        RefundValidator.ValidateCreate(options);
        return new PreparedCall(ServiceOrderOperation.RefundCreate, HttpMethod.Post, BasePath,
            WxPayScoreJsonContext.SerializeBody(options, WxPayScoreJsonContext.Wire.RefundCreateOptions), null, options.OutRefundNo);
    }

    /// <summary>Validates a query by <paramref name="outRefundNo"/> and builds its URL (with <c>sub_mchid</c>).</summary>
    public static PreparedCall PrepareGet(string outRefundNo, RefundGetOptions options)
    {
        RefundValidator.ValidateQuery(outRefundNo, options);
        return new PreparedCall(ServiceOrderOperation.RefundQuery, HttpMethod.Get,
            $"{BasePath}/{Uri.EscapeDataString(outRefundNo)}?sub_mchid={Uri.EscapeDataString(options.SubMchId)}", [], null, outRefundNo);
    }

    /// <summary>
    /// Validates an abnormal refund and serialises it with <c>bank_account</c> and <c>real_name</c> encrypted (RSA-OAEP)
    /// under <paramref name="wechatpayPublicKey"/>, whose id or certificate serial <paramref name="wechatpaySerial"/> the
    /// call sends as <c>Wechatpay-Serial</c>. The encryption is random: prepare once and resend the same call.
    /// </summary>
    public static PreparedCall PrepareApplyAbnormal(string refundId, RefundApplyAbnormalOptions options, string wechatpaySerial, RSA wechatpayPublicKey)
    {
        RefundValidator.ValidateApplyAbnormal(refundId, options);
        ArgumentException.ThrowIfNullOrEmpty(wechatpaySerial);
        ArgumentNullException.ThrowIfNull(wechatpayPublicKey);
        var body = new AbnormalRefundBody
        {
            SubMchId = options.SubMchId,
            OutRefundNo = options.OutRefundNo,
            Type = options.Type,
            BankType = options.BankType,
            BankAccount = options.BankAccount is { } account ? SensitiveFieldCipher.Encrypt(wechatpayPublicKey, account) : null,
            RealName = options.RealName is { } name ? SensitiveFieldCipher.Encrypt(wechatpayPublicKey, name) : null,
        };
        return new PreparedCall(ServiceOrderOperation.RefundApplyAbnormal, HttpMethod.Post,
            $"{BasePath}/{Uri.EscapeDataString(refundId)}/apply-abnormal-refund",
            WxPayScoreJsonContext.SerializeBody(body, WxPayScoreJsonContext.Wire.AbnormalRefundBody), null, options.OutRefundNo, wechatpaySerial);
    }

    /// <summary>
    /// <see cref="PrepareApplyAbnormal(string, RefundApplyAbnormalOptions, string, RSA)"/> with the configured WeChat Pay
    /// key: the public key (<c>WeChatPay:PublicKeyId</c>) or, in certificate mode, the newest platform certificate.
    /// </summary>
    public virtual async Task<PreparedCall> PrepareApplyAbnormalAsync(string refundId, RefundApplyAbnormalOptions options, CancellationToken cancellationToken = default)
    {
        RefundValidator.ValidateApplyAbnormal(refundId, options);
        var store = keys ?? throw new InvalidOperationException($"This {nameof(RefundService)} was made for a test double; override {nameof(PrepareApplyAbnormalAsync)}.");
        var key = await store.FindEncryptionKeyAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new WeChatPayException("No WeChat Pay public key or platform certificate is held to encrypt bank_account and real_name.");
        return PrepareApplyAbnormal(refundId, options, key.Serial, key.Key);
    }

    /// <summary>
    /// Sends a prepared refund call as it is (signed afresh on every attempt, over the same bytes) and returns WeChat's
    /// verified answer. A <see cref="RefundStatus.Processing"/> answer means only "accepted": the result comes by
    /// <c>REFUND.*</c> notification or by query.
    /// </summary>
    public virtual Task<Refund> SendAsync(PreparedCall call, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (!call.IsRefund)
        {
            throw new ArgumentException($"{call.Operation} is a service-order call: send it with ServiceOrderService.SendAsync.", nameof(call));
        }

        var sender = transport ?? throw new InvalidOperationException($"This {nameof(RefundService)} was made for a test double; override {nameof(SendAsync)}.");
        return sender.SendRefundAsync(call, cancellationToken);
    }

    /// <summary><c>POST /v3/refund/domestic/refunds</c>: registers the refund (usually <c>PROCESSING</c>).</summary>
    public virtual Task<Refund> CreateAsync(RefundCreateOptions options, CancellationToken cancellationToken = default) =>
        SendAsync(PrepareCreate(options), cancellationToken);

    /// <summary><c>GET /v3/refund/domestic/refunds/{out_refund_no}?sub_mchid=…</c>; unknown → 404 <c>RESOURCE_NOT_EXISTS</c>.</summary>
    public virtual Task<Refund> GetAsync(string outRefundNo, RefundGetOptions options, CancellationToken cancellationToken = default) =>
        SendAsync(PrepareGet(outRefundNo, options), cancellationToken);

    /// <summary><c>POST …/{refund_id}/apply-abnormal-refund</c>: reroutes an <see cref="RefundStatus.Abnormal"/> refund to a bank card.</summary>
    public virtual async Task<Refund> ApplyAbnormalAsync(string refundId, RefundApplyAbnormalOptions options, CancellationToken cancellationToken = default) =>
        await SendAsync(await PrepareApplyAbnormalAsync(refundId, options, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
}
