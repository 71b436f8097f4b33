using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using WxPayScore.Launch;
using WxPayScore.Security;
using WxPayScore.Tests.Infrastructure;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Tests.Security;

/// <summary>The legacy APIv2 HMAC-SHA256 sign (apiv3-security.md §9) and the signed extraData built with it.</summary>
public sealed class ApiV2SignatureTests
{
    private static readonly KeyValuePair<string, string?>[] OfficialParameters =
    [
        new("appid", "wxd930ea5d5a258f4f"),
        new("mch_id", "10000100"),
        new("device_info", "1000"),
        new("body", "test"),
        new("nonce_str", "ibuaiVcKdpRxkhJA"),
    ];

    [Fact]
    public void Official_vector_string_to_sign()
    {
        Assert.Equal(
            "appid=wxd930ea5d5a258f4f&body=test&device_info=1000&mch_id=10000100&nonce_str=ibuaiVcKdpRxkhJA&key=192006250b4c09247ec02edce69f6a2d",
            ApiV2Signature.StringToSign(OfficialParameters, TestKeys.ApiV2Key));
    }

    [Fact]
    public void Official_vector_HMAC_SHA256()
    {
        Assert.Equal("6A9AE1657590FD6257D693A078E1C3E4BB6BA4DC30B23E0EE2496E54170DACD6",
            ApiV2Signature.HmacSha256(OfficialParameters, TestKeys.ApiV2Key));
    }

    [Fact]
    public void Empty_values_and_an_existing_sign_are_left_out()
    {
        KeyValuePair<string, string?>[] parameters = [.. OfficialParameters, new("sign", "OLD"), new("empty", ""), new("missing", null)];

        Assert.Equal("6A9AE1657590FD6257D693A078E1C3E4BB6BA4DC30B23E0EE2496E54170DACD6",
            ApiV2Signature.HmacSha256(parameters, TestKeys.ApiV2Key));
    }

    [Fact]
    public void SignedLegacy_signs_mch_id_nonce_str_package_sign_type_timestamp_with_the_APIv2_key()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1735689600));

        var extra = PayScoreExtraData.SignedLegacy(TestKeys.MchId, "AAQTnZoAAAAB", TestKeys.ApiV2Key, time);

        Assert.Equal("1735689600", extra.Timestamp); // seconds, as a string
        Assert.Equal("HMAC-SHA256", extra.SignType);
        Assert.Equal(TestKeys.MchId, extra.MchId);
        Assert.Matches("^[0-9A-Za-z]{32}$", extra.NonceStr);
        var expectedString = $"mch_id={TestKeys.MchId}&nonce_str={extra.NonceStr}&package=AAQTnZoAAAAB&sign_type=HMAC-SHA256&timestamp=1735689600&key={TestKeys.ApiV2Key}";
        var expected = Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(TestKeys.ApiV2Key), Encoding.UTF8.GetBytes(expectedString)));
        Assert.Equal(expected, extra.Sign);
    }

    [Fact]
    public void SignedLegacy_sign_changes_with_the_key()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1735689600));
        var extra = PayScoreExtraData.SignedLegacy(TestKeys.MchId, "AAQTnZoAAAAB", TestKeys.ApiV2Key, time);

        var resigned = ApiV2Signature.HmacSha256(extra.ToParameters(), "00000000000000000000000000000000");

        Assert.NotEqual(extra.Sign, resigned);
        Assert.Equal(extra.Sign, ApiV2Signature.HmacSha256(extra.ToParameters(), TestKeys.ApiV2Key));
    }
}
