namespace WxPayScore.Security;

/// <summary>One platform certificate, encrypted with the APIv3 key.</summary>
internal sealed record PlatformCertificateEntry
{
    public required string SerialNo { get; init; }

    public DateTimeOffset? EffectiveTime { get; init; }

    public DateTimeOffset? ExpireTime { get; init; }

    public required EncryptedResource EncryptCertificate { get; init; }
}
