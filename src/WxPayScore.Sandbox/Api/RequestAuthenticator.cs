using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using WxPayScore.Sandbox.Merchants;
using WxPayScore.Security;

namespace WxPayScore.Sandbox.Api;

/// <summary>
/// WeChat's request check (apiv3-security.md §2): the Authorization header parsed, the merchant and its certificate
/// serial known, the timestamp within 5 minutes of the wall clock, and the signature verified with the merchant's public
/// key over <c>METHOD\nURL-as-sent\nTIMESTAMP\nNONCE\nBODY\n</c>. Any failure is <c>401 SIGN_ERROR</c>.
/// </summary>
internal sealed class RequestAuthenticator
{
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    private readonly MerchantRegistry registry;
    private readonly SandboxClock clock;

    public RequestAuthenticator(MerchantRegistry registry, SandboxClock clock)
    {
        this.registry = registry;
        this.clock = clock;
    }

    public RegisteredMerchant Authenticate(HttpContext context, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(context);
        var header = context.Request.Headers.Authorization.ToString();
        if (!AuthorizationHeader.TryParse(header, out var authorization) || authorization is null)
        {
            throw WeChatErrors.SignError("Http头Authorization值格式错误，请参考《微信支付商户REST API签名规则》",
                "Authorization must be: WECHATPAY2-SHA256-RSA2048 mchid=\"…\",nonce_str=\"…\",signature=\"…\",timestamp=\"…\",serial_no=\"…\"");
        }

        var merchant = registry.FindMerchant(authorization.MchId)
            ?? throw WeChatErrors.SignError("商户号不存在，请检查Authorization中的mchid", $"mchid {authorization.MchId} is not registered in the sandbox");
        if (!string.Equals(authorization.SerialNo, merchant.SerialNumber, StringComparison.OrdinalIgnoreCase))
        {
            throw WeChatErrors.SignError("商户证书序列号有误。请使用签名私钥匹配的证书序列号",
                $"serial_no {authorization.SerialNo} is not the registered certificate serial of mchid {merchant.MchId}");
        }

        if (!long.TryParse(authorization.Timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp) ||
            Math.Abs(clock.WallUnixSeconds - timestamp) > Tolerance.TotalSeconds)
        {
            throw WeChatErrors.SignError("Http头Authorization中的timestamp与发起请求的时间不得超过5分钟",
                $"timestamp {authorization.Timestamp} is not within 300 s of the sandbox wall clock ({clock.WallUnixSeconds})");
        }

        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw
            ? raw
            : context.Request.PathBase + context.Request.Path + context.Request.QueryString;
        var message = SigningString.ForRequest(context.Request.Method, target, timestamp, authorization.NonceStr, body);
        if (!RsaSignature.Verify(merchant.PublicKey, message, authorization.Signature))
        {
            throw WeChatErrors.SignError("错误的签名，验签失败",
                $"sign not match: the signature does not verify over '{context.Request.Method}\\n{target}\\n{timestamp}\\n{authorization.NonceStr}\\n<{body.Length} body bytes>\\n' with the public key of mchid {merchant.MchId}");
        }

        return merchant;
    }
}
