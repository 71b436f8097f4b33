using Microsoft.Extensions.Options;
using WxPayScore.Configuration;
using WxPayScore.Security;

namespace WxPayScore.Http;

/// <summary>
/// Sits inside the retry pipeline, so every attempt is signed afresh (new timestamp and nonce) over the very
/// bytes sent; after a connection failure it redirects the attempt to the backup host (same path, same signature rules).
/// </summary>
internal sealed class SigningHandler : DelegatingHandler
{
    private readonly MerchantCredentials credentials;
    private readonly IVerificationKeyStore keys;
    private readonly TimeProvider time;
    private readonly WxPayScoreOptions options;

    public SigningHandler(MerchantCredentials credentials, IVerificationKeyStore keys, TimeProvider time, IOptions<WxPayScoreOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.credentials = credentials;
        this.keys = keys;
        this.time = time;
        this.options = options.Value;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = request.RequestUri ?? throw new InvalidOperationException("The request has no URI.");
        if (request.Options.TryGetValue(WeChatPayRequestContext.UseBackupHost, out var backup) && backup &&
            options.BackupBaseUrl is { Length: > 0 } backupBase)
        {
            uri = new Uri(new Uri(backupBase), uri.PathAndQuery);
            request.RequestUri = uri;
        }

        request.Options.TryGetValue(WeChatPayRequestContext.Body, out var body);

        var authorization = credentials.Signer.CreateAuthorization(
            request.Method.Method, uri.PathAndQuery, body, time.GetUtcNow().ToUnixTimeSeconds());
        request.Headers.Remove("Authorization");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        request.Headers.Remove(WeChatPayHeaders.Serial);
        // Encrypted fields can be decrypted only with the key they were encrypted for: such a call names that key.
        if (request.Options.TryGetValue(WeChatPayRequestContext.Serial, out var encryption) && encryption is { Length: > 0 })
        {
            request.Headers.TryAddWithoutValidation(WeChatPayHeaders.Serial, encryption);
        }
        else if (keys.PreferredSerial is { } serial)
        {
            request.Headers.TryAddWithoutValidation(WeChatPayHeaders.Serial, serial);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
