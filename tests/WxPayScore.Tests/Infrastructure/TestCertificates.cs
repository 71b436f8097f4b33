using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

namespace WxPayScore.Tests.Infrastructure;

/// <summary>Builds platform certificates (X.509 with a chosen 40-hex serial) and the <c>/v3/certificates</c> answer that carries them.</summary>
public static class TestCertificates
{
    public static string CreatePem(RSA key, string serialHex, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        var request = new CertificateRequest("CN=Tenpay.com sign, O=Tenpay.com, C=CN", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.Create(
            new X500DistinguishedName("CN=Tenpay.com Root CA"),
            X509SignatureGenerator.CreateForRSA(key, RSASignaturePadding.Pkcs1),
            notBefore,
            notAfter,
            Convert.FromHexString(serialHex));
        return certificate.ExportCertificatePem();
    }

    /// <summary>The JSON of <c>GET /v3/certificates</c>, each PEM encrypted with AES-256-GCM under the APIv3 key (AAD "certificate").</summary>
    public static string ListJson(string apiV3Key, params (string Serial, string Pem, DateTimeOffset Effective, DateTimeOffset Expire)[] certificates)
    {
        var data = certificates.Select(c =>
        {
            var nonce = WxPayScore.Security.Nonce.Create(12);
            var plaintext = Encoding.UTF8.GetBytes(c.Pem);
            var output = new byte[plaintext.Length + 16];
            using (var aes = new AesGcm(Encoding.UTF8.GetBytes(apiV3Key), 16))
            {
                aes.Encrypt(Encoding.UTF8.GetBytes(nonce), plaintext, output.AsSpan(0, plaintext.Length), output.AsSpan(plaintext.Length), "certificate"u8);
            }

            return new Dictionary<string, object>
            {
                ["serial_no"] = c.Serial,
                ["effective_time"] = c.Effective.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture),
                ["expire_time"] = c.Expire.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture),
                ["encrypt_certificate"] = new Dictionary<string, string>
                {
                    ["algorithm"] = "AEAD_AES_256_GCM",
                    ["nonce"] = nonce,
                    ["associated_data"] = "certificate",
                    ["ciphertext"] = Convert.ToBase64String(output),
                },
            };
        });
        return JsonSerializer.Serialize(new { data });
    }
}
