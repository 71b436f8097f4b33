namespace WxPayScore.Security;

/// <summary>Response of <c>GET /v3/certificates</c>.</summary>
internal sealed record PlatformCertificateList
{
    public IReadOnlyList<PlatformCertificateEntry> Data { get; init; } = [];
}
