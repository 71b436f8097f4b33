using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace WxPayScore.Security;

/// <summary>
/// Holds the WeChat Pay public key (if configured) and the platform certificates (if certificate mode is on),
/// keyed by serial. Certificates are downloaded lazily, again when an unknown serial appears (at most once per
/// <see cref="MinimumRefreshGap"/>), and again when older than the refresh interval.
/// </summary>
internal sealed class VerificationKeyStore : IVerificationKeyStore, IDisposable
{
    private readonly ConcurrentDictionary<string, RSA> keys = new(StringComparer.OrdinalIgnoreCase);
    private readonly IPlatformCertificateSource? certificates;
    private readonly TimeProvider time;
    private readonly TimeSpan refreshInterval;
    private readonly SemaphoreSlim refreshLock = new(1, 1);
    private DateTimeOffset? lastRefresh;
    private DateTimeOffset? lastFailedRefresh;
    private string? newestCertificateSerial;

    public VerificationKeyStore(string? publicKeyId, RSA? publicKey, IPlatformCertificateSource? certificates, TimeProvider time, TimeSpan refreshInterval)
    {
        if (publicKeyId is not null && publicKey is not null)
        {
            keys[publicKeyId] = publicKey;
            PublicKeyId = publicKeyId;
        }

        this.certificates = certificates;
        this.time = time ?? throw new ArgumentNullException(nameof(time));
        this.refreshInterval = refreshInterval;
    }

    public static TimeSpan MinimumRefreshGap { get; } = TimeSpan.FromSeconds(60);

    public string? PublicKeyId { get; }

    public string? PreferredSerial => PublicKeyId ?? newestCertificateSerial;

    /// <summary>Serials currently held (for diagnostics and tests).</summary>
    public IReadOnlyCollection<string> KnownSerials => keys.Keys.ToArray();

    public async ValueTask<RSA?> FindAsync(string serial, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(serial);
        if (certificates is not null && IsStale())
        {
            try
            {
                await RefreshAsync(force: false, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested && keys.ContainsKey(serial))
            {
                // A failed scheduled refresh must not stop verification with a key already held: keep using it, and
                // try the download again after MinimumRefreshGap (see RefreshAsync).
            }
        }

        if (keys.TryGetValue(serial, out var key))
        {
            return key;
        }

        if (certificates is null)
        {
            return null;
        }

        await RefreshAsync(force: true, cancellationToken).ConfigureAwait(false);
        return keys.GetValueOrDefault(serial);
    }

    public async ValueTask<(string Serial, RSA Key)?> FindEncryptionKeyAsync(CancellationToken cancellationToken)
    {
        if (PublicKeyId is { } id && keys.TryGetValue(id, out var publicKey))
        {
            return (id, publicKey);
        }

        if (certificates is not null && (newestCertificateSerial is null || IsStale()))
        {
            await RefreshAsync(force: newestCertificateSerial is null, cancellationToken).ConfigureAwait(false);
        }

        return newestCertificateSerial is { } serial && keys.TryGetValue(serial, out var certificateKey) ? (serial, certificateKey) : null;
    }

    /// <summary>Downloads the certificates now (start-up warm-up, scheduled refresh).</summary>
    public async Task RefreshAsync(bool force, CancellationToken cancellationToken)
    {
        if (certificates is null)
        {
            return;
        }

        await refreshLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = time.GetUtcNow();
            if (lastRefresh is { } last && now - last < (force ? MinimumRefreshGap : refreshInterval))
            {
                return;
            }

            // A scheduled refresh that just failed is not retried on every call (each try costs a round trip with retries).
            if (!force && lastFailedRefresh is { } failed && now - failed < MinimumRefreshGap)
            {
                return;
            }

            IReadOnlyList<PlatformCertificate> downloaded;
            try
            {
                downloaded = await certificates.DownloadAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                lastFailedRefresh = now;
                throw;
            }

            lastFailedRefresh = null;
            foreach (var certificate in downloaded)
            {
                keys[certificate.SerialNo] = certificate.PublicKey;
            }

            newestCertificateSerial = downloaded
                .Where(c => c.EffectiveTime is null || c.EffectiveTime <= now)
                .OrderByDescending(c => c.ExpireTime ?? DateTimeOffset.MaxValue)
                .Select(c => c.SerialNo)
                .FirstOrDefault() ?? newestCertificateSerial;
            lastRefresh = now;
        }
        finally
        {
            refreshLock.Release();
        }
    }

    public void Dispose() => refreshLock.Dispose();

    private bool IsStale() => lastRefresh is not { } last || time.GetUtcNow() - last >= refreshInterval;
}
