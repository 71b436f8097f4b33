using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using WxPayScore.Security;

namespace WxPayScore.Configuration;

/// <summary>Start-up validation whose messages name the setting that is wrong (<c>WeChatPay:…</c>).</summary>
internal sealed partial class WxPayScoreOptionsValidator : IValidateOptions<WxPayScoreOptions>
{
    private const string Section = WxPayScoreOptions.SectionName;
    private static readonly TimeSpan MinimumTimeout = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MaximumSpan = TimeSpan.FromDays(1);

    public ValidateOptionsResult Validate(string? name, WxPayScoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.MchId))
        {
            errors.Add($"{Section}:MchId is required (the service provider's merchant id).");
        }
        else if (!Digits().IsMatch(options.MchId))
        {
            errors.Add($"{Section}:MchId must be digits; got '{options.MchId}'.");
        }

        if (string.IsNullOrWhiteSpace(options.MerchantSerialNumber))
        {
            errors.Add($"{Section}:MerchantSerialNumber is required (serial of the merchant API certificate).");
        }
        else if (!Hex().IsMatch(options.MerchantSerialNumber))
        {
            errors.Add($"{Section}:MerchantSerialNumber must be hexadecimal (40 hex digits in practice).");
        }

        if (string.IsNullOrWhiteSpace(options.PrivateKey) == string.IsNullOrWhiteSpace(options.PrivateKeyPath))
        {
            errors.Add($"{Section}:PrivateKeyPath (or {Section}:PrivateKey as PEM text) is required, and only one of them.");
        }
        else if (options.PrivateKeyPath is { Length: > 0 } path && !File.Exists(path))
        {
            errors.Add($"{Section}:PrivateKeyPath '{path}' does not exist.");
        }
        else if (!CanLoad(options.PrivateKey, options.PrivateKeyPath, PemKeys.LoadPrivateKey))
        {
            // The key text itself is never echoed.
            errors.Add(options.PrivateKey is { Length: > 0 }
                ? $"{Section}:PrivateKey is not a PEM RSA private key (expected '-----BEGIN PRIVATE KEY-----' (PKCS#8) or '-----BEGIN RSA PRIVATE KEY-----' (PKCS#1))."
                : $"{Section}:PrivateKeyPath '{options.PrivateKeyPath}' is not a readable PEM RSA private key (PKCS#8 or PKCS#1).");
        }

        var apiV3KeyBytes = Encoding.UTF8.GetByteCount(options.ApiV3Key ?? string.Empty);
        if (apiV3KeyBytes != 32)
        {
            errors.Add($"{Section}:ApiV3Key must be exactly 32 bytes; it is {apiV3KeyBytes}.");
        }

        var hasPublicKey = !string.IsNullOrWhiteSpace(options.PublicKey) || !string.IsNullOrWhiteSpace(options.PublicKeyPath);
        if (!hasPublicKey && !options.UsePlatformCertificates)
        {
            errors.Add($"{Section}:PublicKeyId with {Section}:PublicKeyPath is required (or set {Section}:UsePlatformCertificates=true for the legacy certificate mode).");
        }

        if (hasPublicKey)
        {
            if (string.IsNullOrWhiteSpace(options.PublicKeyId))
            {
                errors.Add($"{Section}:PublicKeyId is required with a public key (PUB_KEY_ID_ followed by digits).");
            }
            else if (!options.PublicKeyId.StartsWith("PUB_KEY_ID_", StringComparison.Ordinal))
            {
                errors.Add($"{Section}:PublicKeyId must start with PUB_KEY_ID_; got '{options.PublicKeyId}'.");
            }

            if (options.PublicKeyPath is { Length: > 0 } publicPath && string.IsNullOrWhiteSpace(options.PublicKey) && !File.Exists(publicPath))
            {
                errors.Add($"{Section}:PublicKeyPath '{publicPath}' does not exist.");
            }
            else if (!CanLoad(options.PublicKey, options.PublicKeyPath, PemKeys.LoadPublicKey))
            {
                errors.Add(options.PublicKey is { Length: > 0 }
                    ? $"{Section}:PublicKey is not a PEM public key (expected '-----BEGIN PUBLIC KEY-----', the WeChat Pay public key file)."
                    : $"{Section}:PublicKeyPath '{options.PublicKeyPath}' is not a readable PEM public key.");
            }
        }

        ValidateUrl(options.BaseUrl, "BaseUrl", required: true, errors);
        ValidateUrl(options.BackupBaseUrl, "BackupBaseUrl", required: false, errors);
        if (options.TimestampTolerance <= TimeSpan.Zero)
        {
            errors.Add($"{Section}:TimestampTolerance must be positive.");
        }

        if (options.MaxRetries is < 0 or > 10)
        {
            errors.Add($"{Section}:MaxRetries must be between 0 and 10.");
        }

        if (options.MaxCallbackBodyBytes <= 0)
        {
            errors.Add($"{Section}:MaxCallbackBodyBytes must be positive.");
        }

        if (options.MaxResponseBodyBytes <= 0)
        {
            errors.Add($"{Section}:MaxResponseBodyBytes must be positive.");
        }

        // The resilience pipeline (Polly) refuses these outside its ranges, but only when the first client is built and
        // without naming the setting; say it here, at start-up.
        ValidateSpan(options.AttemptTimeout, "AttemptTimeout", MinimumTimeout, MaximumSpan, errors);
        ValidateSpan(options.TotalTimeout, "TotalTimeout", MinimumTimeout, MaximumSpan, errors);
        ValidateSpan(options.RetryBaseDelay, "RetryBaseDelay", TimeSpan.Zero, MaximumSpan, errors);
        if (options.UsePlatformCertificates)
        {
            ValidateSpan(options.CertificateRefreshInterval, "CertificateRefreshInterval", TimeSpan.FromMinutes(1), TimeSpan.FromDays(7), errors);
        }

        if (string.IsNullOrWhiteSpace(options.UserAgent))
        {
            errors.Add($"{Section}:UserAgent is required (WeChat Pay may refuse requests without a User-Agent).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Whether the PEM text (or, without text, the file) loads as a key; the key is disposed at once.</summary>
    private static bool CanLoad(string? text, string? path, Func<string, RSA> load)
    {
        try
        {
            var pem = text is { Length: > 0 } ? text : File.ReadAllText(path!);
            using var key = load(pem);
            return true;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or IOException or UnauthorizedAccessException or CryptographicException)
        {
            return false;
        }
    }

    private static void ValidateSpan(TimeSpan value, string key, TimeSpan minimum, TimeSpan maximum, List<string> errors)
    {
        if (value < minimum || value > maximum)
        {
            errors.Add($"{Section}:{key} must be between {minimum} and {maximum}; got {value}.");
        }
    }

    private static void ValidateUrl(string? value, string key, bool required, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                errors.Add($"{Section}:{key} is required.");
            }

            return;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            errors.Add($"{Section}:{key} must be an absolute http(s) URL; got '{value}'.");
        }
    }

    [GeneratedRegex("^[0-9]+$")]
    private static partial Regex Digits();

    [GeneratedRegex("^[0-9A-Fa-f]+$")]
    private static partial Regex Hex();
}
