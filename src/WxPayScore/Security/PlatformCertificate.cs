using System.Security.Cryptography;

namespace WxPayScore.Security;

/// <summary>A decrypted platform certificate: its serial, validity and RSA public key.</summary>
internal sealed record PlatformCertificate(string SerialNo, DateTimeOffset? EffectiveTime, DateTimeOffset? ExpireTime, RSA PublicKey);
