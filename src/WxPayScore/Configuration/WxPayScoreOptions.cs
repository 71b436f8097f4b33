namespace WxPayScore.Configuration;

/// <summary>Settings of the SDK, bound from the <c>WeChatPay</c> configuration section.</summary>
public sealed class WxPayScoreOptions
{
    /// <summary>The configuration section the options are normally bound from.</summary>
    public const string SectionName = "WeChatPay";
    /// <summary>WeChat Pay's API host.</summary>
    public const string DefaultBaseUrl = "https://api.mch.weixin.qq.com";
    /// <summary>WeChat Pay's backup API host, used after a connection failure.</summary>
    public const string DefaultBackupBaseUrl = "https://api2.mch.weixin.qq.com";

    /// <summary>The service provider's merchant id (the <c>mchid</c> of the Authorization header).</summary>
    public string MchId { get; set; } = string.Empty;

    /// <summary>Serial (40 hex) of the merchant API certificate whose private key signs requests.</summary>
    public string MerchantSerialNumber { get; set; } = string.Empty;

    /// <summary>The merchant private key as PEM text (PKCS#8 or PKCS#1). Either this or <see cref="PrivateKeyPath"/>.</summary>
    public string? PrivateKey { get; set; }

    /// <summary>Path of the merchant private key PEM file. Either this or <see cref="PrivateKey"/>.</summary>
    public string? PrivateKeyPath { get; set; }

    /// <summary>The APIv3 key: exactly 32 bytes.</summary>
    public string ApiV3Key { get; set; } = string.Empty;

    /// <summary>Optional APIv2 key, only for the legacy signed <c>extraData</c> of the confirm page.</summary>
    public string? ApiV2Key { get; set; }

    /// <summary>WeChat Pay public key id, <c>PUB_KEY_ID_…</c>.</summary>
    public string? PublicKeyId { get; set; }

    /// <summary>WeChat Pay public key as SPKI PEM text. Either this or <see cref="PublicKeyPath"/> with <see cref="PublicKeyId"/>.</summary>
    public string? PublicKey { get; set; }

    /// <summary>Path of the WeChat Pay public key PEM file (with <see cref="PublicKeyId"/>).</summary>
    public string? PublicKeyPath { get; set; }

    /// <summary>Legacy mode: download platform certificates from <c>/v3/certificates</c> (may be combined with a public key during migration).</summary>
    public bool UsePlatformCertificates { get; set; }

    /// <summary>How often platform certificates are downloaded again (certificate mode only).</summary>
    public TimeSpan CertificateRefreshInterval { get; set; } = TimeSpan.FromHours(12);

    /// <summary>The API host; configuration, so a sandbox on <c>http://127.0.0.1:…</c> works too.</summary>
    public string BaseUrl { get; set; } = DefaultBaseUrl;

    /// <summary>
    /// Fail-over host, used only after a connection-level failure of <see cref="BaseUrl"/>. Empty disables fail-over.
    /// When not set: WeChat's backup host only if <see cref="BaseUrl"/> is WeChat's primary host, otherwise empty, so
    /// that signed requests meant for a proxy or the sandbox never fail over to the real WeChat Pay.
    /// </summary>
    public string? BackupBaseUrl
    {
        get => backupBaseUrl ?? (IsWeChatPrimaryHost(BaseUrl) ? DefaultBackupBaseUrl : string.Empty);
        set => backupBaseUrl = value;
    }

    private string? backupBaseUrl;

    /// <summary>Whether <paramref name="baseUrl"/> is WeChat Pay's primary host (<see cref="DefaultBaseUrl"/>, with or without a trailing slash).</summary>
    private static bool IsWeChatPrimaryHost(string? baseUrl) =>
        baseUrl is not null && string.Equals(baseUrl.TrimEnd('/'), DefaultBaseUrl, StringComparison.OrdinalIgnoreCase);

    /// <summary>How far a response or callback timestamp may be from our clock.</summary>
    public TimeSpan TimestampTolerance { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>The <c>User-Agent</c> sent with every request (WeChat refuses requests without one).</summary>
    public string UserAgent { get; set; } = "WxPayScore/1.0 (.NET)";

    /// <summary>Retries after the first attempt, for connection failures, 429 and 5xx.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>First back-off delay; grows exponentially with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Time allowed for one attempt.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Time allowed for a call, retries included.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Callback bodies larger than this are refused before any work.</summary>
    public int MaxCallbackBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Responses larger than this are refused.</summary>
    public int MaxResponseBodyBytes { get; set; } = 1024 * 1024;
}
