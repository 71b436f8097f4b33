using System.Security.Cryptography;

namespace WxPayScore.Security;

/// <summary>
/// The keys that verify WeChat's signatures, by <c>Wechatpay-Serial</c>: a public-key id (<c>PUB_KEY_ID_…</c>) and/or
/// platform-certificate serials. A map, not a single key, so a public-key migration keeps working.
/// </summary>
internal interface IVerificationKeyStore
{
    /// <summary>The serial sent in the request's <c>Wechatpay-Serial</c> header (selects the key that signs the response).</summary>
    string? PreferredSerial { get; }

    /// <summary>The key for a serial; for an unknown serial in certificate mode, certificates are downloaded again first.</summary>
    ValueTask<RSA?> FindAsync(string serial, CancellationToken cancellationToken);

    /// <summary>
    /// The WeChat Pay key that encrypts sensitive fields, with its serial (the one sent as <see cref="PreferredSerial"/>);
    /// <see langword="null"/> when none is held (certificate mode: after a download).
    /// </summary>
    ValueTask<(string Serial, RSA Key)?> FindEncryptionKeyAsync(CancellationToken cancellationToken);
}
