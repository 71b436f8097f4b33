using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using WxPayScore.Security;
using WxPayScore.ServiceOrders;

namespace WxPayScore.Benchmarks;

/// <summary>
/// Whole service-order calls as an application makes them — <c>AddWxPayScore</c>'s real <see cref="HttpClient"/> pipeline
/// (resilience handler, signing handler), response verification and JSON — against an in-process
/// <see cref="HttpMessageHandler"/> that answers like WeChat with a correctly signed answer; beside a bare RSA-2048
/// sign + verify (the two operations no call can avoid) in the same run.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class WholeCallBenchmarks : IDisposable
{
    private const string ResponseNonce = "c5ac7061fccab6bf3e254dcf98995b8c";
    private ServiceProvider provider = null!;
    private ServiceOrderService orders = null!;
    private ServiceOrderCreateOptions createOptions = null!;
    private ServiceOrderGetOptions getOptions = null!;
    private ServiceOrderCancelOptions cancelOptions = null!;
    private RSA merchantKey = null!;
    private RSA wechatPublicKey = null!;
    private byte[] requestMessage = null!;
    private byte[] responseMessage = null!;
    private byte[] responseSignature = null!;

    [GlobalSetup]
    public void Setup()
    {
        // The system clock, as an application has it (the SDK's default TimeProvider): the answer's signature is renewed
        // by the handler once a minute, well inside the 300 s window.
        var timestamp = BenchmarkData.Now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var services = new ServiceCollection();
        services.AddWxPayScore(o =>
            {
                o.MchId = BenchmarkData.MchId;
                o.MerchantSerialNumber = BenchmarkData.MerchantSerial;
                o.PrivateKey = PemKeys.ExportPrivateKeyPem(BenchmarkData.Merchant);
                o.ApiV3Key = BenchmarkData.ApiV3Key;
                o.PublicKeyId = BenchmarkData.PublicKeyId;
                o.PublicKey = PemKeys.ExportPublicKeyPem(BenchmarkData.WeChat);
                o.BaseUrl = "http://127.0.0.1:9";
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SignedAnswerHandler(ResponseNonce));
        provider = services.BuildServiceProvider();
        orders = provider.GetRequiredService<ServiceOrderService>();
        createOptions = BenchmarkData.CreateOptions();
        getOptions = new ServiceOrderGetOptions { ServiceId = createOptions.ServiceId, SubMchId = createOptions.SubMchId };
        cancelOptions = new ServiceOrderCancelOptions { ServiceId = createOptions.ServiceId, SubMchId = createOptions.SubMchId, Reason = "用户取消" };

        // The baseline signs the same create signing string with the same key material the SDK loaded, and verifies the
        // same answer with WeChat's public key.
        merchantKey = PemKeys.LoadPrivateKey(PemKeys.ExportPrivateKeyPem(BenchmarkData.Merchant));
        wechatPublicKey = PemKeys.LoadPublicKey(PemKeys.ExportPublicKeyPem(BenchmarkData.WeChat));
        var body = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(createOptions, Json.WxPayScoreJsonContext.Wire.ServiceOrderCreateOptions);
        requestMessage = SigningString.ForRequest("POST", BenchmarkData.CreatePath, BenchmarkData.Now.ToUnixTimeSeconds(), Nonce.Create(), body);
        responseMessage = SigningString.ForResponse(timestamp, ResponseNonce, BenchmarkData.CreateResponse);
        responseSignature = Convert.FromBase64String(BenchmarkData.SignAsWeChat(timestamp, ResponseNonce, BenchmarkData.CreateResponse));

        if (Create().GetAwaiter().GetResult().Package is null || Query().GetAwaiter().GetResult().State != "CREATED" ||
            Cancel().GetAwaiter().GetResult() is not null)
        {
            throw new InvalidOperationException("The whole-call benchmarks do not round-trip.");
        }
    }

    [GlobalCleanup]
    public void Dispose()
    {
        provider.Dispose();
        merchantKey.Dispose();
        wechatPublicKey.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true, Description = "bare RSA-2048 sign + verify")]
    public bool BareSignAndVerify()
    {
        var signature = merchantKey.SignData(requestMessage, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signature.Length == 256 &&
            wechatPublicKey.VerifyData(responseMessage, responseSignature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    [Benchmark(Description = "SDK: CreateAsync (whole call)")]
    public Task<ServiceOrder> Create() => orders.CreateAsync(createOptions);

    [Benchmark(Description = "SDK: GetAsync (whole call)")]
    public Task<ServiceOrder> Query() => orders.GetAsync(createOptions.OutOrderNo, getOptions);

    [Benchmark(Description = "SDK: CancelAsync, 204 (whole call)")]
    public Task<ServiceOrder?> Cancel() => orders.CancelAsync(createOptions.OutOrderNo, cancelOptions);

    /// <summary>
    /// WeChat's side in process: the create and query answers are the same signed order JSON, an action answers a signed
    /// 204. The signatures are made once a minute (WeChat signs each answer; here that RSA work would be counted against
    /// the SDK), so their timestamp stays inside the SDK's 300 s window.
    /// </summary>
    private sealed class SignedAnswerHandler(string nonce) : HttpMessageHandler
    {
        private Signed current = Signed.At(0, nonce);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var now = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
            if (now - current.Seconds >= 60)
            {
                current = Signed.At(now, nonce);
            }

            var (_, timestamp, orderSignature, emptySignature) = current;
            if (!request.Headers.Contains("Authorization"))
            {
                throw new InvalidOperationException("The request reached WeChat unsigned.");
            }

            var action = request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath.Length > BenchmarkData.CreatePath.Length;
            var response = new HttpResponseMessage(action ? HttpStatusCode.NoContent : HttpStatusCode.OK)
            {
                Content = new ByteArrayContent(action ? [] : BenchmarkData.CreateResponse),
                RequestMessage = request,
            };
            response.Headers.TryAddWithoutValidation("Wechatpay-Timestamp", timestamp);
            response.Headers.TryAddWithoutValidation("Wechatpay-Nonce", nonce);
            response.Headers.TryAddWithoutValidation("Wechatpay-Signature", action ? emptySignature : orderSignature);
            response.Headers.TryAddWithoutValidation("Wechatpay-Serial", BenchmarkData.PublicKeyId);
            response.Headers.TryAddWithoutValidation("Request-ID", "08F78BB5AF0610D302");
            return Task.FromResult(response);
        }

        private sealed record Signed(long Seconds, string Timestamp, string OrderSignature, string EmptySignature)
        {
            public static Signed At(long seconds, string nonce)
            {
                var timestamp = seconds.ToString(CultureInfo.InvariantCulture);
                return new Signed(seconds, timestamp, BenchmarkData.SignAsWeChat(timestamp, nonce, BenchmarkData.CreateResponse),
                    BenchmarkData.SignAsWeChat(timestamp, nonce, []));
            }
        }
    }
}
