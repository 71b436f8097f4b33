using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using WxPayScore.Callbacks;
using WxPayScore.Cli.Configuration;
using WxPayScore.Cli.Infrastructure;
using WxPayScore.Configuration;
using WxPayScore.Errors;
using WxPayScore.ServiceOrders;

namespace WxPayScore.Cli.Doctor;

/// <summary>
/// A signed query for an order number that cannot exist. The only good answer is a <b>signed</b>
/// <c>404 ORDER_NOT_EXIST</c>: WeChat accepted our signature (else 401 SIGN_ERROR) and we can verify WeChat's.
/// </summary>
internal static class LiveProbe
{
    private const string Id = "probe";
    private const string Title = "live probe";

    public static async Task<DoctorCheck> RunAsync(CliSettings settings, WxPayScoreOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        if (settings.ServiceId is not { } serviceId || settings.SubMchId is not { } subMchId)
        {
            return new DoctorCheck(Id, Title, CheckStatus.Fail, "the probe queries an order of PayScore:ServiceId for PayScore:SubMchId, and one of them is not set",
                "probe_settings_missing", "Set PayScore:ServiceId and PayScore:SubMchId (or --service-id / --sub-mchid), or run with --offline.");
        }

        var outOrderNo = "WXPSDOCTOR" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
        await using var connection = MerchantConnection.Open(settings);
        try
        {
            var order = await connection.Orders.GetAsync(outOrderNo, new ServiceOrderGetOptions { ServiceId = serviceId, SubMchId = subMchId }, cancellationToken)
                .ConfigureAwait(false);
            return new DoctorCheck(Id, Title, CheckStatus.Fail,
                $"WeChat answered a verified 200 with an order ({order.OutOrderNo}, {order.State}) for the made-up number {outOrderNo}", "unexpected_answer",
                $"{options.BaseUrl} does not behave like WeChat Pay's order query.");
        }
        catch (WeChatPayApiException ex) when (ex.StatusCode == HttpStatusCode.Unauthorized)
        {
            return new DoctorCheck(Id, Title, CheckStatus.Fail,
                $"WeChat refused our signature: {(int)ex.StatusCode} {ex.Code} {ex.ErrorMessage}", "sign_error",
                "WeChatPay:MchId, WeChatPay:MerchantSerialNumber and the private key must belong together: the serial is that of apiclient_cert.pem " +
                "(`wxpayscore keys inspect apiclient_cert.pem`, or set WeChatPay:MerchantCertificatePath and run doctor again) and the key is apiclient_key.pem " +
                $"from the same download. Also check this machine's clock (now {time.GetUtcNow():yyyy-MM-dd HH:mm:ss}Z; WeChat allows 5 minutes).")
            { RequestId = ex.RequestId };
        }
        catch (WeChatPayApiException ex)
        {
            return await JudgeErrorAnswerAsync(connection, ex, options, outOrderNo, time).ConfigureAwait(false);
        }
        catch (WeChatPaySignatureException ex)
        {
            return Unverifiable(ex.Failure.ToString(), $"WeChat answered but the answer does not verify ({ex.Failure})", options, null, ex.RequestId);
        }
        catch (WeChatPayConnectionException ex)
        {
            var hosts = options.BackupBaseUrl is { Length: > 0 } backup ? $"{options.BaseUrl} (nor {backup})" : options.BaseUrl;
            return new DoctorCheck(Id, Title, CheckStatus.Fail, $"no answer from {hosts}: {ex.InnerException?.Message ?? ex.Message}", "connection_failed",
                "Check WeChatPay:BaseUrl, DNS, the firewall and any proxy (HTTPS_PROXY); for the sandbox, that it is running at that address.");
        }
        catch (WeChatPayException ex)
        {
            return new DoctorCheck(Id, Title, CheckStatus.Fail, ex.Message, "probe_failed", "See the message.") { RequestId = ex.RequestId };
        }
    }

    private static async Task<DoctorCheck> JudgeErrorAnswerAsync(MerchantConnection connection, WeChatPayApiException ex, WxPayScoreOptions options,
        string outOrderNo, TimeProvider time)
    {
        var answer = connection.Responses.Last;
        if (answer is null)
        {
            return new DoctorCheck(Id, Title, CheckStatus.Fail, ex.Message, "probe_failed", "No answer was recorded.") { RequestId = ex.RequestId };
        }

        // The SDK does not vouch for error answers; the signature is checked here with the SDK's one verifier, the one
        // that checks callbacks (timestamp window, serial, RSA signature over the raw body): a 404 body is no envelope, so
        // any outcome past the signature steps means the signature verified.
        var headers = new CallbackHeaders(answer.Header("Wechatpay-Timestamp"), answer.Header("Wechatpay-Nonce"), answer.Header("Wechatpay-Signature"),
            answer.Header("Wechatpay-Serial"), answer.Header("Wechatpay-Signature-Type"));
        var verdict = await connection.Callbacks.ReadAsync(answer.Body, headers).ConfigureAwait(false);
        var serial = headers.Serial;
        switch (verdict.Failure)
        {
            case CallbackFailure.MissingHeaders:
                return Unverifiable("missing_headers",
                    $"the {(int)ex.StatusCode} answer carries no Wechatpay-Signature/-Serial headers", options,
                    $"{options.BaseUrl} is not WeChat Pay (or a proxy strips the Wechatpay-* headers).", ex.RequestId);
            case CallbackFailure.StaleTimestamp:
                var skew = long.TryParse(headers.Timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                    ? $" (its Wechatpay-Timestamp is {seconds - time.GetUtcNow().ToUnixTimeSeconds():+#;-#;0} s from this machine's clock)"
                    : string.Empty;
                return Unverifiable("stale_timestamp", $"the answer's signature time is outside the {options.TimestampTolerance.TotalSeconds} s window{skew}", options,
                    "Synchronise this machine's clock (NTP).", ex.RequestId);
            case CallbackFailure.UnknownSerial when options.UsePlatformCertificates && verdict.Error?.Contains("could not be", StringComparison.Ordinal) == true:
                return Unverifiable("platform_certificates_failed", $"the platform certificates could not be downloaded or decrypted: {verdict.Error}", options,
                    "In certificate mode /v3/certificates is decrypted with WeChatPay:ApiV3Key: check that key (exactly the one set on the merchant platform).",
                    ex.RequestId);
            case CallbackFailure.UnknownSerial:
                return Unverifiable("unknown_serial",
                    $"WeChat signed its answer with key '{serial}', which is not a key we hold (WeChatPay:PublicKeyId is '{options.PublicKeyId}')", options,
                    serial?.StartsWith("PUB_KEY_ID_", StringComparison.Ordinal) == true
                        ? $"Set WeChatPay:PublicKeyId to {serial} and WeChatPay:PublicKeyPath to the public key shown with that id."
                        : $"'{serial}' is a platform certificate serial: this merchant is answered in certificate mode; set WeChatPay:UsePlatformCertificates=true (the SDK downloads the certificates).",
                    ex.RequestId);
            case CallbackFailure.SignatureProbe:
            case CallbackFailure.InvalidSignature:
                return Unverifiable("invalid_signature",
                    $"WeChat signed its answer with '{serial}' but the signature does not verify with the key in WeChatPay:PublicKeyPath", options,
                    $"The file is not WeChat Pay's public key for {serial}: download pub_key.pem again from 账户中心 > API安全 > 微信支付公钥.", ex.RequestId);
        }

        if (ex.StatusCode == HttpStatusCode.NotFound && ex.Code == WeChatPayErrorCodes.OrderNotExist)
        {
            return new DoctorCheck(Id, Title, CheckStatus.Ok,
                $"signed 404 ORDER_NOT_EXIST for the made-up order {outOrderNo}: WeChat accepted our signature and we verified WeChat's ({serial})")
            { RequestId = ex.RequestId };
        }

        var fix = ex.Kind switch
        {
            WeChatPayErrorKind.NoPermission => "Our signature and WeChat's check out, but the query was refused: PayScore:SubMchId must have authorised this service provider for PayScore:ServiceId (and the service id must be yours).",
            WeChatPayErrorKind.InvalidParameter or WeChatPayErrorKind.InvalidRequest => "Our signature and WeChat's check out; check PayScore:ServiceId and PayScore:SubMchId.",
            WeChatPayErrorKind.RateLimited or WeChatPayErrorKind.SystemError or WeChatPayErrorKind.ServiceUnavailable => "WeChat Pay is busy: run doctor again in a moment.",
            _ => "Our signature and WeChat's check out; see WeChat's message.",
        };
        return new DoctorCheck(Id, Title, CheckStatus.Fail, $"a signed {(int)ex.StatusCode} {ex.Code}: {ex.ErrorMessage}", "wechatpay_refused", fix)
        { RequestId = ex.RequestId, Reason = ex.Code };
    }

    private static DoctorCheck Unverifiable(string reason, string message, WxPayScoreOptions options, string? fix, string? requestId) =>
        new(Id, Title, CheckStatus.Fail, "an unverifiable answer: " + message, "unverifiable_answer",
            fix ?? $"Check WeChatPay:PublicKeyId ({options.PublicKeyId}) and WeChatPay:PublicKeyPath.")
        { Reason = reason, RequestId = requestId };
}
