using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using WxPayScore.Errors;
using WxPayScore.Security;

namespace WxPayScore.Benchmarks;

/// <summary>Verifying a signed 200 (the create answer) through <see cref="SignatureVerifier"/> with a real key store, against a bare <c>RSA.VerifyData</c>.</summary>
[MemoryDiagnoser]
[MedianColumn]
public class ResponseVerificationBenchmarks
{
    private const string Nonce = "c5ac7061fccab6bf3e254dcf98995b8c";
    private SignatureVerifier verifier = null!;
    private RSA publicKey = null!;
    private string timestamp = null!;
    private string signature = null!;
    private byte[] signatureBytes = null!;
    private byte[] message = null!;
    private ReadOnlyMemory<byte> body;

    [GlobalSetup]
    public void Setup()
    {
        publicKey = PemKeys.LoadPublicKey(PemKeys.ExportPublicKeyPem(BenchmarkData.WeChat));
        var store = new VerificationKeyStore(BenchmarkData.PublicKeyId, publicKey, null, TimeProvider.System, TimeSpan.FromHours(12));
        verifier = new SignatureVerifier(store, new FixedTimeProvider(BenchmarkData.Now), TimeSpan.FromSeconds(300));
        timestamp = BenchmarkData.Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        body = BenchmarkData.CreateResponse;
        signature = BenchmarkData.SignAsWeChat(timestamp, Nonce, BenchmarkData.CreateResponse);
        signatureBytes = Convert.FromBase64String(signature);
        message = SigningString.ForResponse(timestamp, Nonce, BenchmarkData.CreateResponse);
        if (Verify().AsTask().GetAwaiter().GetResult() != ResponseVerificationFailure.None)
        {
            throw new InvalidOperationException("The benchmark's response does not verify.");
        }
    }

    [Benchmark(Baseline = true, Description = "bare RSA.VerifyData (same message)")]
    public bool BareRsaVerify() => publicKey.VerifyData(message, signatureBytes, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    [Benchmark(Description = "SDK: SignatureVerifier.VerifyAsync")]
    public ValueTask<ResponseVerificationFailure> Verify() =>
        verifier.VerifyAsync(timestamp, Nonce, signature, BenchmarkData.PublicKeyId, body, CancellationToken.None);
}
