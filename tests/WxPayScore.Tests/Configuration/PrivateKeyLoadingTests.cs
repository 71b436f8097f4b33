using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using WxPayScore.Configuration;
using WxPayScore.Security;
using WxPayScore.Tests.Infrastructure;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Tests.Configuration;

/// <summary>The merchant key loads as PKCS#8 and PKCS#1, from text and from a file; the WeChat public key as SPKI or certificate.</summary>
public sealed class PrivateKeyLoadingTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("wxpayscore-keys-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    public static TheoryData<string, bool> Formats() => new()
    {
        { "pkcs8", false }, { "pkcs8", true }, { "pkcs1", false }, { "pkcs1", true },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public void The_private_key_loads_and_signs(string format, bool fromFile)
    {
        var pem = format == "pkcs8" ? TestKeys.Merchant.ExportPkcs8PrivateKeyPem() : TestKeys.Merchant.ExportRSAPrivateKeyPem();
        Assert.Contains(format == "pkcs8" ? "BEGIN PRIVATE KEY" : "BEGIN RSA PRIVATE KEY", pem, StringComparison.Ordinal);
        var options = new WxPayScoreOptions();
        SdkHost.Defaults(options, null);
        if (fromFile)
        {
            var path = Path.Combine(directory, $"apiclient_key_{format}.pem");
            File.WriteAllText(path, pem);
            options.PrivateKey = null;
            options.PrivateKeyPath = path;
        }
        else
        {
            options.PrivateKey = pem;
        }

        Assert.True(new WxPayScoreOptionsValidator().Validate(null, options).Succeeded);
        using var credentials = new MerchantCredentials(Options.Create(options));
        var header = credentials.Signer.CreateAuthorization("GET", "/v3/certificates", [], 1735689600, "N");

        Assert.True(AuthorizationHeader.TryParse(header, out var parsed));
        var message = Encoding.UTF8.GetBytes("GET\n/v3/certificates\n1735689600\nN\n\n");
        Assert.True(TestKeys.Merchant.VerifyData(message, Convert.FromBase64String(parsed!.Signature), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    [Fact]
    public void The_public_key_loads_from_a_file_and_as_a_certificate()
    {
        var path = Path.Combine(directory, "pub_key.pem");
        File.WriteAllText(path, TestKeys.WeChatPublicKeyPem);
        var options = new WxPayScoreOptions();
        SdkHost.Defaults(options, null);
        options.PublicKey = null;
        options.PublicKeyPath = path;

        using var credentials = new MerchantCredentials(Options.Create(options));

        Assert.Equal(TestKeys.PublicKeyId, credentials.PublicKeyId);
        Assert.Equal(TestKeys.WeChat.ExportSubjectPublicKeyInfo(), credentials.PublicKey!.ExportSubjectPublicKeyInfo());
        var now = DateTimeOffset.UtcNow;
        using var fromCertificate = PemKeys.LoadPublicKey(TestKeys.CertificatePem(TestKeys.WeChat, TestKeys.CertificateSerial, now, now.AddYears(1)));
        Assert.Equal(TestKeys.WeChat.ExportSubjectPublicKeyInfo(), fromCertificate.ExportSubjectPublicKeyInfo());
    }

    [Theory]
    [InlineData("not a pem")]
    [InlineData("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----")]
    [InlineData("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----")]
    public void A_malformed_private_key_is_a_FormatException(string pem)
    {
        Assert.Throws<FormatException>(() => PemKeys.LoadPrivateKey(pem));
    }
}
