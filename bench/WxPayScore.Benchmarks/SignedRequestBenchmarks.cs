using System.Security.Cryptography;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using WxPayScore.Json;
using WxPayScore.Security;
using WxPayScore.ServiceOrders;

namespace WxPayScore.Benchmarks;

/// <summary>
/// Building a signed create request — serialise the options once, then <see cref="RequestSigner.CreateAuthorization"/>
/// with a fresh nonce and timestamp, as the signing handler does on each attempt — against a bare <c>RSA.SignData</c>
/// of the same signing string.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class SignedRequestBenchmarks
{
    private ServiceOrderCreateOptions options = null!;
    private RequestSigner signer = null!;
    private TimeProvider time = null!;
    private byte[] message = null!;

    [GlobalSetup]
    public void Setup()
    {
        options = BenchmarkData.CreateOptions();
        signer = new RequestSigner(BenchmarkData.MchId, BenchmarkData.MerchantSerial, BenchmarkData.Merchant);
        time = new FixedTimeProvider(BenchmarkData.Now);
        var body = JsonSerializer.SerializeToUtf8Bytes(options, WxPayScoreJsonContext.Wire.ServiceOrderCreateOptions);
        message = SigningString.ForRequest("POST", BenchmarkData.CreatePath, BenchmarkData.Now.ToUnixTimeSeconds(), Nonce.Create(), body);
    }

    [Benchmark(Baseline = true, Description = "bare RSA.SignData (same message)")]
    public byte[] BareRsaSign() => BenchmarkData.Merchant.SignData(message, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    [Benchmark(Description = "SDK: serialise create + CreateAuthorization")]
    public string SignedCreate()
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(options, WxPayScoreJsonContext.Wire.ServiceOrderCreateOptions);
        return signer.CreateAuthorization("POST", BenchmarkData.CreatePath, body, time.GetUtcNow().ToUnixTimeSeconds(), Nonce.Create());
    }

    [Benchmark(Description = "SDK: serialise create only (the body)")]
    public byte[] SerialiseOnly() => JsonSerializer.SerializeToUtf8Bytes(options, WxPayScoreJsonContext.Wire.ServiceOrderCreateOptions);
}
