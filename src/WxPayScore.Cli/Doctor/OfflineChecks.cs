using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WxPayScore.Cli.Configuration;
using WxPayScore.Cli.Keys;
using WxPayScore.Configuration;

namespace WxPayScore.Cli.Doctor;

/// <summary>The checks that need no network: settings, private key, merchant certificate, APIv3 key, WeChat Pay public key, hosts.</summary>
internal sealed class OfflineChecks
{
    private readonly CliSettings settings;
    private readonly WxPayScoreOptions options;
    private readonly TimeProvider time;
    private PemBlockInfo? privateKey;
    private PemBlockInfo? privateSlot;
    private PemBlockInfo? publicSlot;

    public OfflineChecks(CliSettings settings, WxPayScoreOptions options, TimeProvider time)
    {
        this.settings = settings;
        this.options = options;
        this.time = time;
    }

    /// <summary>The SDK's own start-up validation passed: the SDK can be built and the probe can run.</summary>
    public bool SettingsValid { get; private set; }

    public IEnumerable<DoctorCheck> Run()
    {
        privateSlot = First(Read(options.PrivateKey, options.PrivateKeyPath, "WeChatPay:PrivateKey", "WeChatPay:PrivateKeyPath").Text);
        publicSlot = First(Read(options.PublicKey, options.PublicKeyPath, "WeChatPay:PublicKey", "WeChatPay:PublicKeyPath").Text);
        yield return Settings();
        yield return PrivateKey();
        yield return Certificate();
        yield return ApiV3Key();
        yield return WeChatPayKey();
        if (Hosts() is { } hosts)
        {
            yield return hosts;
        }
    }

    /// <summary>The validators <c>AddWxPayScore</c> registers (the SDK's start-up validation), run on the options as read.</summary>
    private static ValidateOptionsResult SdkValidation(WxPayScoreOptions options)
    {
        using var provider = new ServiceCollection().AddWxPayScore(_ => { }).Services.BuildServiceProvider();
        var failures = provider.GetServices<IValidateOptions<WxPayScoreOptions>>()
            .Select(validator => validator.Validate(Options.DefaultName, options))
            .Where(result => result.Failed)
            .SelectMany(result => result.Failures ?? [])
            .ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private DoctorCheck Settings()
    {
        var result = SdkValidation(options);
        SettingsValid = result.Succeeded;
        var missing = new List<string>();
        if (settings.ServiceId is null)
        {
            missing.Add("PayScore:ServiceId");
        }

        if (settings.SubMchId is null)
        {
            missing.Add("PayScore:SubMchId");
        }

        if (!result.Succeeded)
        {
            var failures = result.Failures?.ToList() ?? [];
            return new DoctorCheck("settings", "settings", CheckStatus.Fail,
                $"{failures.Count} WeChatPay setting(s) are missing or malformed (the SDK's own start-up validation)", "invalid_settings",
                "Fix each setting listed (appsettings.json, environment variables with __ for ':', --config or flags).")
            { Details = failures };
        }

        return missing.Count > 0
            ? new DoctorCheck("settings", "settings", CheckStatus.Warn,
                $"WeChatPay:* settings are well-formed; {string.Join(" and ", missing)} not set (needed by the live probe and the orders commands)",
                "payscore_settings_missing", "Set " + string.Join(", ", missing) + " (or --service-id / --sub-mchid).")
            : new DoctorCheck("settings", "settings", CheckStatus.Ok, $"every WeChatPay setting present and well-formed (merchant {options.MchId})");
    }

    private DoctorCheck PrivateKey()
    {
        const string Title = "private key";
        var (text, where, error) = Read(options.PrivateKey, options.PrivateKeyPath, "WeChatPay:PrivateKey", "WeChatPay:PrivateKeyPath");
        if (text is null)
        {
            return new DoctorCheck("private_key", Title, CheckStatus.Fail, error!, "private_key_missing",
                "Point WeChatPay:PrivateKeyPath at apiclient_key.pem (from the merchant platform's API certificate download).");
        }

        var blocks = PemInspector.Inspect(text);
        if (blocks.Count == 0)
        {
            return new DoctorCheck("private_key", Title, CheckStatus.Fail, $"{where}: {PemInspector.DescribeNonPem(Encoding.UTF8.GetBytes(text))}",
                "private_key_not_pem", "WeChatPay:PrivateKeyPath must be apiclient_key.pem, which starts with -----BEGIN PRIVATE KEY-----.");
        }

        var block = blocks[0];
        privateKey = block.IsPrivateKey && block.Error is null ? block : null;
        var swapped = SwappedHint();
        return block switch
        {
            { IsPublicKey: true } => new DoctorCheck("private_key", Title, CheckStatus.Fail,
                $"{where} holds a PUBLIC key ({block.Describe()}), not the merchant private key{swapped}", "private_key_is_public_key",
                "Put apiclient_key.pem (-----BEGIN PRIVATE KEY-----) in WeChatPay:PrivateKeyPath; a public key (the WeChat Pay public key, pub_key.pem) belongs in WeChatPay:PublicKeyPath."),
            { Kind: PemKind.Certificate } => new DoctorCheck("private_key", Title, CheckStatus.Fail,
                $"{where} holds a certificate (serial {block.SerialNumber}), not the merchant private key", "private_key_is_certificate",
                "apiclient_cert.pem is the certificate; its private key is apiclient_key.pem, next to it. Its serial belongs in WeChatPay:MerchantSerialNumber."),
            { Kind: PemKind.EncryptedPrivateKey } => new DoctorCheck("private_key", Title, CheckStatus.Fail,
                $"{where} is a password-protected private key", "private_key_encrypted", "Decrypt it: openssl pkcs8 -in FILE -out apiclient_key.pem."),
            { Error: { } unreadable } => new DoctorCheck("private_key", Title, CheckStatus.Fail, $"{where}: {block.Label} block is unreadable: {unreadable}",
                "private_key_unreadable", "Download apiclient_key.pem again; the file is damaged."),
            { IsPrivateKey: true, Algorithm: not "RSA" } => new DoctorCheck("private_key", Title, CheckStatus.Fail,
                $"{where} is an {block.Algorithm} key; WeChat Pay APIv3 signs with RSA (SHA256-RSA2048)", "private_key_not_rsa",
                "Use the RSA key of the merchant API certificate (apiclient_key.pem)."),
            { IsPrivateKey: true, KeySize: < 2048 } => new DoctorCheck("private_key", Title, CheckStatus.Fail,
                $"{where} is RSA-{block.KeySize}; WeChat Pay requires RSA-2048 or larger", "private_key_too_small",
                "Use the RSA-2048 key of the merchant API certificate (apiclient_key.pem)."),
            { IsPrivateKey: true } => new DoctorCheck("private_key", Title, CheckStatus.Ok, $"{block.Describe()}, {where} (public key {Short(block.PublicKeyFingerprint)})"),
            _ => new DoctorCheck("private_key", Title, CheckStatus.Fail, $"{where}: {block.Describe()}, not a private key", "private_key_unknown",
                "Point WeChatPay:PrivateKeyPath at apiclient_key.pem."),
        };
    }

    private DoctorCheck Certificate()
    {
        const string Title = "certificate";
        if (settings.MerchantCertificatePath is not { } path)
        {
            return new DoctorCheck("merchant_certificate", Title, CheckStatus.Skip,
                "no WeChatPay:MerchantCertificatePath (--certificate): the serial is checked by the live probe only");
        }

        if (!File.Exists(path))
        {
            return new DoctorCheck("merchant_certificate", Title, CheckStatus.Fail, $"WeChatPay:MerchantCertificatePath '{path}' does not exist",
                "certificate_missing", "Point it at apiclient_cert.pem, or leave it unset.");
        }

        var blocks = PemInspector.Inspect(File.ReadAllText(path));
        var block = blocks.Count > 0 ? blocks[0] : null;
        if (block is not { Kind: PemKind.Certificate, Error: null })
        {
            return new DoctorCheck("merchant_certificate", Title, CheckStatus.Fail,
                $"'{path}' is not a certificate ({block?.Describe() ?? "no PEM block"})", "certificate_not_certificate",
                "WeChatPay:MerchantCertificatePath is apiclient_cert.pem (-----BEGIN CERTIFICATE-----).");
        }

        var now = time.GetUtcNow();
        var serial = options.MerchantSerialNumber?.Trim() ?? string.Empty;
        if (!string.Equals(block.SerialNumber?.TrimStart('0'), serial.TrimStart('0'), StringComparison.OrdinalIgnoreCase))
        {
            return new DoctorCheck("merchant_certificate", Title, CheckStatus.Fail,
                $"the certificate's serial is {block.SerialNumber} but WeChatPay:MerchantSerialNumber is '{serial}'", "serial_mismatch",
                $"Set WeChatPay:MerchantSerialNumber to {block.SerialNumber} (or use the certificate that belongs to that serial).");
        }

        if (privateKey is not null && privateKey.PublicKeyFingerprint != block.PublicKeyFingerprint)
        {
            return new DoctorCheck("merchant_certificate", Title, CheckStatus.Fail,
                $"the certificate (serial {block.SerialNumber}) is for another key: its public key {Short(block.PublicKeyFingerprint)}, the private key's {Short(privateKey.PublicKeyFingerprint)}",
                "certificate_key_mismatch", "Use apiclient_key.pem and apiclient_cert.pem from the same download.");
        }

        if (now > block.NotAfter || now < block.NotBefore)
        {
            return new DoctorCheck("merchant_certificate", Title, CheckStatus.Fail,
                $"the certificate (serial {block.SerialNumber}) is valid {block.NotBefore:yyyy-MM-dd} … {block.NotAfter:yyyy-MM-dd}, not now",
                "certificate_expired", "Renew the merchant API certificate on the merchant platform and update key, certificate and serial together.");
        }

        return new DoctorCheck("merchant_certificate", Title, CheckStatus.Ok,
            $"serial {block.SerialNumber} = WeChatPay:MerchantSerialNumber; its public key matches the private key; valid until {block.NotAfter:yyyy-MM-dd}");
    }

    private DoctorCheck ApiV3Key()
    {
        const string Title = "APIv3 key";
        var key = options.ApiV3Key ?? string.Empty;
        var bytes = Encoding.UTF8.GetByteCount(key);
        var trimmed = key.Trim();
        var hasWhitespace = key.Any(char.IsWhiteSpace);
        var whitespaceNote = hasWhitespace
            ? $"; it contains whitespace ({(key.Length != trimmed.Length ? "at the ends" : "inside")}) — without it, it is {Encoding.UTF8.GetByteCount(new string(key.Where(c => !char.IsWhiteSpace(c)).ToArray()))} bytes"
            : string.Empty;
        if (bytes == 0)
        {
            return new DoctorCheck("apiv3_key", Title, CheckStatus.Fail, "WeChatPay:ApiV3Key is not set", "apiv3_key_missing",
                "Set WeChatPay:ApiV3Key to the 32-character key set under 账户中心 > API安全 > APIv3密钥.");
        }

        if (bytes != 32)
        {
            return new DoctorCheck("apiv3_key", Title, CheckStatus.Fail, $"WeChatPay:ApiV3Key is {bytes} bytes; it must be exactly 32{whitespaceNote}",
                "apiv3_key_length", hasWhitespace ? "Remove the whitespace copied with the key." : "Copy the whole 32-character APIv3 key (or set a new one on the merchant platform).");
        }

        if (hasWhitespace)
        {
            return new DoctorCheck("apiv3_key", Title, CheckStatus.Warn, $"WeChatPay:ApiV3Key is 32 bytes but contains whitespace{whitespaceNote}",
                "apiv3_key_whitespace", "APIv3 keys are letters and digits: check the copy.");
        }

        return new DoctorCheck("apiv3_key", Title, CheckStatus.Ok,
            options.UsePlatformCertificates
                ? "32 bytes (the live probe decrypts /v3/certificates with it)"
                : "32 bytes (in public-key mode only a callback proves it: `wxpayscore callbacks verify`)");
    }

    private DoctorCheck WeChatPayKey()
    {
        const string Title = "WeChat Pay key";
        var hasKey = !string.IsNullOrWhiteSpace(options.PublicKey) || !string.IsNullOrWhiteSpace(options.PublicKeyPath);
        if (!hasKey)
        {
            return options.UsePlatformCertificates
                ? new DoctorCheck("wechatpay_public_key", Title, CheckStatus.Ok,
                    "platform-certificate mode: the certificates are downloaded from /v3/certificates and decrypted with the APIv3 key (live probe)")
                : new DoctorCheck("wechatpay_public_key", Title, CheckStatus.Fail, "no WeChat Pay public key (WeChatPay:PublicKeyPath) and not in certificate mode",
                    "public_key_missing", "Download the WeChat Pay public key (pub_key.pem) and its PUB_KEY_ID_… from the merchant platform (账户中心 > API安全).");
        }

        var (text, where, error) = Read(options.PublicKey, options.PublicKeyPath, "WeChatPay:PublicKey", "WeChatPay:PublicKeyPath");
        if (text is null)
        {
            return new DoctorCheck("wechatpay_public_key", Title, CheckStatus.Fail, error!, "public_key_missing", "Point WeChatPay:PublicKeyPath at pub_key.pem.");
        }

        var blocks = PemInspector.Inspect(text);
        var block = blocks.Count > 0 ? blocks[0] : null;
        var swapped = SwappedHint();
        if (block is null)
        {
            return new DoctorCheck("wechatpay_public_key", Title, CheckStatus.Fail, $"{where}: {PemInspector.DescribeNonPem(Encoding.UTF8.GetBytes(text))}",
                "public_key_not_pem", "WeChatPay:PublicKeyPath is pub_key.pem (-----BEGIN PUBLIC KEY-----).");
        }

        if (block.IsPrivateKey)
        {
            return new DoctorCheck("wechatpay_public_key", Title, CheckStatus.Fail, $"{where} holds a PRIVATE key ({block.Describe()}){swapped}",
                "public_key_is_private_key", "WeChatPay:PublicKeyPath is WeChat Pay's public key (pub_key.pem); your private key goes in WeChatPay:PrivateKeyPath.");
        }

        if (block.Kind == PemKind.Certificate)
        {
            return new DoctorCheck("wechatpay_public_key", Title, CheckStatus.Fail, $"{where} holds a certificate (serial {block.SerialNumber}), not the WeChat Pay public key",
                "public_key_is_certificate",
                "Public-key mode needs pub_key.pem with its PUB_KEY_ID_…; a platform certificate means certificate mode (WeChatPay:UsePlatformCertificates=true, the SDK downloads them).");
        }

        if (!block.IsPublicKey || block.Error is not null || block.Algorithm != "RSA")
        {
            return new DoctorCheck("wechatpay_public_key", Title, CheckStatus.Fail, $"{where}: {block.Describe()}", "public_key_unreadable",
                "Download the WeChat Pay public key (pub_key.pem) again.");
        }

        if (privateKey is not null && privateKey.PublicKeyFingerprint == block.PublicKeyFingerprint)
        {
            return new DoctorCheck("wechatpay_public_key", Title, CheckStatus.Fail,
                $"{where} is the public half of YOUR merchant key, not WeChat Pay's key", "public_key_is_merchant_key",
                "WeChatPay:PublicKeyPath is the key WeChat Pay signs with (pub_key.pem from 账户中心 > API安全 > 微信支付公钥).");
        }

        var id = options.PublicKeyId?.Trim() ?? string.Empty;
        if (!id.StartsWith("PUB_KEY_ID_", StringComparison.Ordinal))
        {
            return new DoctorCheck("wechatpay_public_key", Title, CheckStatus.Fail,
                $"WeChatPay:PublicKeyId is '{id}'; WeChat Pay public key ids look like PUB_KEY_ID_0114…", "public_key_id_format",
                id.Length == 40 && id.All(char.IsAsciiHexDigit)
                    ? "That is a certificate serial: the public key's id is shown next to it on the merchant platform (PUB_KEY_ID_…)."
                    : "Copy the id shown with the WeChat Pay public key on the merchant platform.");
        }

        return !id["PUB_KEY_ID_".Length..].All(char.IsAsciiDigit) || id.Length <= "PUB_KEY_ID_".Length
            ? new DoctorCheck("wechatpay_public_key", Title, CheckStatus.Warn,
                $"{id}: after PUB_KEY_ID_ WeChat's ids are digits only", "public_key_id_format", "Check the copy of WeChatPay:PublicKeyId.")
            : new DoctorCheck("wechatpay_public_key", Title, CheckStatus.Ok,
                $"{id}: {block.Describe()} ({Short(block.PublicKeyFingerprint)})" + (options.UsePlatformCertificates ? "; platform certificates too (migration)" : string.Empty));
    }

    private DoctorCheck? Hosts()
    {
        if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var baseUrl))
        {
            return null;
        }

        var wechat = baseUrl.Host.EndsWith(".mch.weixin.qq.com", StringComparison.OrdinalIgnoreCase);
        if (!wechat && options.BackupBaseUrl is { Length: > 0 } backup && backup.Contains("weixin.qq.com", StringComparison.OrdinalIgnoreCase))
        {
            return new DoctorCheck("hosts", "hosts", CheckStatus.Warn,
                $"WeChatPay:BaseUrl is {options.BaseUrl} but WeChatPay:BackupBaseUrl is still WeChat's {backup}: a connection failure would send the sandbox's requests to the real WeChat Pay",
                "backup_host_mismatch",
                "Remove WeChatPay:BackupBaseUrl (it defaults to WeChat's backup host only when BaseUrl is WeChat's primary host), or set it to an empty string or the sandbox's own URL.");
        }

        return new DoctorCheck("hosts", "hosts", CheckStatus.Ok,
            $"{options.BaseUrl}" + (options.BackupBaseUrl is { Length: > 0 } b ? $" (fail-over {b})" : " (no fail-over host)") + (wechat ? string.Empty : " — not WeChat Pay's host: a sandbox?"));
    }

    /// <summary>The classic mistake: the two key files exchanged.</summary>
    private string SwappedHint() =>
        privateSlot is { IsPublicKey: true } && publicSlot is { IsPrivateKey: true }
            ? " — WeChatPay:PrivateKeyPath and WeChatPay:PublicKeyPath look swapped"
            : string.Empty;

    private static PemBlockInfo? First(string? text) => text is null ? null : PemInspector.Inspect(text) is { Count: > 0 } blocks ? blocks[0] : null;

    private static (string? Text, string Where, string? Error) Read(string? inline, string? path, string inlineKey, string pathKey)
    {
        if (!string.IsNullOrWhiteSpace(inline))
        {
            return (inline, inlineKey, null);
        }

        if (string.IsNullOrWhiteSpace(path))
        {
            return (null, pathKey, $"{pathKey} is not set");
        }

        if (!File.Exists(path))
        {
            return (null, pathKey, $"{pathKey} '{path}' does not exist");
        }

        try
        {
            return (File.ReadAllText(path), $"{pathKey} ({path})", null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, pathKey, $"{pathKey} '{path}' cannot be read: {ex.Message}");
        }
    }

    private static string Short(string? fingerprint) => fingerprint is { Length: > 23 } ? fingerprint[..23] + "…" : fingerprint ?? "?";
}
