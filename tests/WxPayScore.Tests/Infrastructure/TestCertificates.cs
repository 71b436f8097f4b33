using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Tests.Infrastructure;

/// <summary>The <c>/v3/certificates</c> answer that carries platform certificates (made by <see cref="WxPayScore.Tests.Shared.TestKeys.CertificatePem"/>).</summary>
public static class TestCertificates
{
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
