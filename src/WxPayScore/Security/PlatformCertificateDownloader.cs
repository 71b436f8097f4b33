using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.Extensions.Options;
using WxPayScore.Configuration;
using WxPayScore.Errors;
using WxPayScore.Http;
using WxPayScore.Json;

namespace WxPayScore.Security;

/// <summary>
/// Downloads <c>GET /v3/certificates</c> and decrypts each certificate with the APIv3 key. The download itself is not
/// signature-checked (the first one cannot be: no certificate is held yet); each certificate is authenticated by its
/// AES-GCM tag under the secret APIv3 key instead (apiv3-security.md §6).
/// </summary>
internal sealed class PlatformCertificateDownloader : IPlatformCertificateSource
{
    private readonly IHttpClientFactory httpClientFactory;
    private readonly MerchantCredentials credentials;
    private readonly WxPayScoreOptions options;

    public PlatformCertificateDownloader(IHttpClientFactory httpClientFactory, MerchantCredentials credentials, IOptions<WxPayScoreOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.httpClientFactory = httpClientFactory;
        this.credentials = credentials;
        this.options = options.Value;
    }

    public async Task<IReadOnlyList<PlatformCertificate>> DownloadAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(new Uri(options.BaseUrl), "/v3/certificates"));
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.TryAddWithoutValidation("User-Agent", options.UserAgent);
        using var response = await httpClientFactory.CreateClient(WeChatPayTransport.HttpClientName)
            .SendAsync(request, cancellationToken).ConfigureAwait(false);
        var raw = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            WeChatPayErrorBody? error = null;
            try
            {
                error = JsonSerializer.Deserialize(raw, WxPayScoreJsonContext.Wire.WeChatPayErrorBody);
            }
            catch (JsonException)
            {
            }

            throw new WeChatPayApiException(response.StatusCode, error,
                response.Headers.TryGetValues(WeChatPayHeaders.RequestId, out var ids) ? ids.FirstOrDefault() : null);
        }

        var list = JsonSerializer.Deserialize(raw, WxPayScoreJsonContext.Wire.PlatformCertificateList)
            ?? throw new WeChatPayException("GET /v3/certificates answered an empty body.");
        var result = new List<PlatformCertificate>(list.Data.Count);
        foreach (var entry in list.Data)
        {
            var encrypted = entry.EncryptCertificate;
            var pem = credentials.Cipher.Decrypt(encrypted.Nonce, encrypted.AssociatedData, encrypted.Ciphertext);
            using var certificate = X509Certificate2.CreateFromPem(System.Text.Encoding.UTF8.GetString(pem));
            var key = certificate.GetRSAPublicKey() ?? throw new WeChatPayException($"Platform certificate {entry.SerialNo} has no RSA key.");
            result.Add(new PlatformCertificate(entry.SerialNo, entry.EffectiveTime, entry.ExpireTime, key));
        }

        return result;
    }
}
