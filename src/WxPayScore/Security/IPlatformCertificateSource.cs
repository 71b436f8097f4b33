namespace WxPayScore.Security;

/// <summary>Where platform certificates come from (normally <c>GET /v3/certificates</c>).</summary>
internal interface IPlatformCertificateSource
{
    Task<IReadOnlyList<PlatformCertificate>> DownloadAsync(CancellationToken cancellationToken);
}
