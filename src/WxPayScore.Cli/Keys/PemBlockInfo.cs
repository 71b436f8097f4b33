using System.Text.Json.Nodes;

namespace WxPayScore.Cli.Keys;

/// <summary>One PEM block of a file, described: kind, algorithm and size, public-key fingerprint, and for a certificate its serial and validity.</summary>
internal sealed record PemBlockInfo
{
    public required string Label { get; init; }

    public required PemKind Kind { get; init; }

    public string? Algorithm { get; init; }

    public int? KeySize { get; init; }

    /// <summary>SHA-256 of the SubjectPublicKeyInfo: equal for a private key, its public key and its certificate.</summary>
    public string? PublicKeyFingerprint { get; init; }

    public string? Subject { get; init; }

    public string? Issuer { get; init; }

    /// <summary>Upper-case hex, as <c>MerchantSerialNumber</c> expects it.</summary>
    public string? SerialNumber { get; init; }

    public DateTimeOffset? NotBefore { get; init; }

    public DateTimeOffset? NotAfter { get; init; }

    public string? CertificateSha256 { get; init; }

    /// <summary>Why the block could not be read, when it could not.</summary>
    public string? Error { get; init; }

    public bool IsPrivateKey => Kind is PemKind.PrivateKeyPkcs8 or PemKind.PrivateKeyPkcs1;

    public bool IsPublicKey => Kind is PemKind.PublicKey or PemKind.RsaPublicKeyPkcs1;

    public string Describe() => Kind switch
    {
        PemKind.PrivateKeyPkcs8 => $"{Algorithm}-{KeySize} private key (PKCS#8)",
        PemKind.PrivateKeyPkcs1 => $"{Algorithm}-{KeySize} private key (PKCS#1)",
        PemKind.EncryptedPrivateKey => "password-protected private key (PKCS#8, encrypted)",
        PemKind.PublicKey => $"{Algorithm}-{KeySize} public key (SubjectPublicKeyInfo)",
        PemKind.RsaPublicKeyPkcs1 => $"{Algorithm}-{KeySize} public key (PKCS#1 RSA PUBLIC KEY)",
        PemKind.Certificate => $"X.509 certificate, {Algorithm}-{KeySize} key",
        _ => $"'{Label}' block",
    } + (Error is null ? string.Empty : " — unreadable: " + Error);

    /// <summary>Which setting this kind of file belongs in.</summary>
    public string Use() => Kind switch
    {
        PemKind.PrivateKeyPkcs8 or PemKind.PrivateKeyPkcs1 =>
            "the merchant private key (apiclient_key.pem): WeChatPay:PrivateKeyPath. Never share it; WeChat never needs it.",
        PemKind.EncryptedPrivateKey =>
            "a private key under a password: decrypt it first (openssl pkcs8 -in FILE -out apiclient_key.pem), then WeChatPay:PrivateKeyPath.",
        PemKind.PublicKey or PemKind.RsaPublicKeyPkcs1 =>
            "a public key: WeChatPay:PublicKeyPath if it is the WeChat Pay public key (pub_key.pem, with its PUB_KEY_ID_… in WeChatPay:PublicKeyId). Never WeChatPay:PrivateKeyPath.",
        PemKind.Certificate when Issuer?.Contains("Tenpay", StringComparison.OrdinalIgnoreCase) == true && Subject?.Contains("Tenpay", StringComparison.OrdinalIgnoreCase) == true =>
            "a WeChat Pay platform certificate (legacy mode: the SDK downloads these itself with WeChatPay:UsePlatformCertificates=true).",
        PemKind.Certificate =>
            $"a certificate: if it is the merchant API certificate (apiclient_cert.pem), its serial {SerialNumber} is WeChatPay:MerchantSerialNumber; it is not the WeChat Pay public key.",
        _ => "not a key or certificate the SDK reads.",
    };

    public JsonObject ToJson() => new()
    {
        ["label"] = Label,
        ["kind"] = Kind.ToString(),
        ["algorithm"] = Algorithm,
        ["key_size"] = KeySize,
        ["public_key_fingerprint"] = PublicKeyFingerprint,
        ["subject"] = Subject,
        ["issuer"] = Issuer,
        ["serial_number"] = SerialNumber,
        ["not_before"] = NotBefore?.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        ["not_after"] = NotAfter?.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        ["certificate_sha256"] = CertificateSha256,
        ["error"] = Error,
        ["use"] = Use(),
    };
}
