using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using WxPayScore.Callbacks;
using WxPayScore.Security;

namespace WxPayScore.Benchmarks;

/// <summary>
/// Handling a 1 KB USER_PAID callback end to end with <see cref="CallbackReader.ReadAsync"/> (window, serial, signature,
/// envelope JSON, AES-256-GCM, order JSON) against a bare <c>RSA.VerifyData</c> plus a bare <c>AesGcm.Decrypt</c>.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class CallbackBenchmarks : IDisposable
{
    private CallbackReader reader = null!;
    private CallbackHeaders headers = null!;
    private byte[] body = null!;
    private RSA publicKey = null!;
    private byte[] message = null!;
    private byte[] signatureBytes = null!;
    private AesGcm aes = null!;
    private byte[] nonceBytes = null!;
    private byte[] ciphertextAndTag = null!;
    private byte[] plaintext = null!;

    [GlobalSetup]
    public void Setup()
    {
        body = BenchmarkData.CallbackBody(out var nonce, out ciphertextAndTag);
        publicKey = PemKeys.LoadPublicKey(PemKeys.ExportPublicKeyPem(BenchmarkData.WeChat));
        var store = new VerificationKeyStore(BenchmarkData.PublicKeyId, publicKey, null, TimeProvider.System, TimeSpan.FromHours(12));
        var verifier = new SignatureVerifier(store, new FixedTimeProvider(BenchmarkData.Now), TimeSpan.FromSeconds(300));
        reader = new CallbackReader(verifier, new ResourceCipher(BenchmarkData.ApiV3Key), 64 * 1024, NullLogger<CallbackReader>.Instance);
        var timestamp = BenchmarkData.Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        const string signatureNonce = "593BEC0C930BF1AFEB40B4A08C8FB242";
        var signature = BenchmarkData.SignAsWeChat(timestamp, signatureNonce, body);
        headers = new CallbackHeaders(timestamp, signatureNonce, signature, BenchmarkData.PublicKeyId);
        message = SigningString.ForResponse(timestamp, signatureNonce, body);
        signatureBytes = Convert.FromBase64String(signature);
        aes = new AesGcm(Encoding.UTF8.GetBytes(BenchmarkData.ApiV3Key), 16);
        nonceBytes = Encoding.UTF8.GetBytes(nonce);
        plaintext = new byte[ciphertextAndTag.Length - 16];
        var result = Read().AsTask().GetAwaiter().GetResult();
        if (result.Callback is not PaidCallback)
        {
            throw new InvalidOperationException($"The benchmark's callback is refused: {result.Failure} {result.Error}");
        }
    }

    [GlobalCleanup]
    public void Dispose()
    {
        aes.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true, Description = "bare RSA.VerifyData + AesGcm.Decrypt")]
    public bool BareVerifyAndDecrypt()
    {
        var verified = publicKey.VerifyData(message, signatureBytes, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        aes.Decrypt(nonceBytes, ciphertextAndTag.AsSpan(0, plaintext.Length), ciphertextAndTag.AsSpan(plaintext.Length), plaintext);
        return verified;
    }

    [Benchmark(Description = "SDK: CallbackReader.ReadAsync (1 KB USER_PAID)")]
    public ValueTask<CallbackResult> Read() => reader.ReadAsync(body, headers);
}
