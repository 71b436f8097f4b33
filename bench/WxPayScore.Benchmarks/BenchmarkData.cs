using System.Security.Cryptography;
using System.Text;
using WxPayScore.Security;
using WxPayScore.ServiceOrders;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Benchmarks;

/// <summary>Inputs shared by the benchmarks: keys (generated once per process), a realistic create request, a signed answer and a 1 KB callback.</summary>
public static class BenchmarkData
{
    // The test suites' merchant (tests/Shared/Keys): one set of ids and keys for tests and benchmarks.
    public const string MchId = TestKeys.MchId;
    public const string MerchantSerial = TestKeys.MerchantSerial;
    public const string PublicKeyId = TestKeys.PublicKeyId;
    public const string ApiV3Key = TestKeys.ApiV3Key;
    public const string CreatePath = "/v3/payscore/partner/serviceorder";

    /// <summary>The moment every benchmark's clock stands at (so signed timestamps stay inside the 300 s window however long a run takes).</summary>
    public static readonly DateTimeOffset Now = new(2025, 1, 1, 12, 0, 5, TimeSpan.FromHours(8));

    public static ServiceOrderCreateOptions CreateOptions() => new()
    {
        ServiceId = "2002000000000558128851361561536",
        AppId = "wxd678efh567hg6787",
        SubMchId = "1900000109",
        SubAppId = "wxd678efh567hg6999",
        OutOrderNo = "SP20250101A0001",
        ServiceIntroduction = "XX充电宝",
        PostPayments = [new PostPayment { Name = "租借费用", Amount = 300, Description = "3元/小时", Count = 1 }],
        RiskFund = new RiskFund { Name = RiskFundNames.Deposit, Amount = 9900, Description = "充电宝押金" },
        TimeRange = new TimeRange { StartTime = ServiceTime.OnAccept, StartTimeRemark = "借出时间" },
        Location = new Location { StartLocation = "A座大堂" },
        Attach = "biz%3Drent",
        NotifyUrl = "https://sp.example.com/payscore/notify",
        NeedUserConfirm = true,
        Device = new Device { StartDeviceId = "HG123456" },
    };

    public static readonly byte[] CreateResponse = Encoding.UTF8.GetBytes(
        """{"out_order_no":"SP20250101A0001","service_id":"2002000000000558128851361561536","appid":"wxd678efh567hg6787","mchid":"1230000109","sub_appid":"wxd678efh567hg6999","sub_mchid":"1900000109","service_introduction":"XX充电宝","state":"CREATED","post_payments":[{"name":"租借费用","amount":300,"description":"3元/小时","count":1}],"risk_fund":{"name":"DEPOSIT","amount":9900,"description":"充电宝押金"},"time_range":{"start_time":"OnAccept","start_time_remark":"借出时间"},"location":{"start_location":"A座大堂"},"attach":"biz%3Drent","notify_url":"https://sp.example.com/payscore/notify","order_id":"1000000000202501011200001234567","package":"AAQTnZoAAAABAAAAAAD8m2b8VRdZ2kVdKmHNZiAAAABc"}""");

    /// <summary>A decrypted USER_PAID payload; with the envelope around it the callback body is about 1 KB.</summary>
    public const string PaidOrder =
        """{"mchid":"1230000109","sub_mchid":"1900000109","out_order_no":"SP20250101A0001","service_id":"2002000000000558128851361561536","openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o","state":"DONE","total_amount":300,"time_range":{"start_time":"20250101120005","end_time":"20250101140000"},"order_id":"1000000000202501011200001234567","collection":{"state":"USER_PAID","total_amount":300,"paying_amount":0,"paid_amount":300,"details":[{"seq":1,"amount":300,"paid_type":"NEWTON","paid_time":"20250101140105","transaction_id":"4200002025010112345678901234"}]}}""";

    public static RSA Merchant => TestKeys.Merchant;

    public static RSA WeChat => TestKeys.WeChat;

    /// <summary>WeChat's signature over <c>timestamp\nnonce\nbody\n</c>.</summary>
    public static string SignAsWeChat(string timestamp, string nonce, byte[] body) =>
        Convert.ToBase64String(WeChat.SignData(SigningString.ForResponse(timestamp, nonce, body), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

    /// <summary>A USER_PAID notification body (envelope + encrypted resource), as WeChat sends it.</summary>
    public static byte[] CallbackBody(out string nonce, out byte[] ciphertextAndTag)
    {
        nonce = "fdasflkja484";
        var plaintext = Encoding.UTF8.GetBytes(PaidOrder);
        ciphertextAndTag = new byte[plaintext.Length + 16];
        using (var aes = new AesGcm(Encoding.UTF8.GetBytes(ApiV3Key), 16))
        {
            aes.Encrypt(Encoding.UTF8.GetBytes(nonce), plaintext, ciphertextAndTag.AsSpan(0, plaintext.Length), ciphertextAndTag.AsSpan(plaintext.Length));
        }

        const string head =
            """{"id":"EV-2018022511223320873","create_time":"2025-01-01T14:01:05+08:00","resource_type":"encrypt-resource","event_type":"PAYSCORE.USER_PAID","summary":"支付成功","resource":{"algorithm":"AEAD_AES_256_GCM","ciphertext":""";
        var envelope = head + "\"" + Convert.ToBase64String(ciphertextAndTag) + "\",\"associated_data\":\"\",\"nonce\":\"" + nonce + "\"}}";
        return Encoding.UTF8.GetBytes(envelope);
    }
}
