using System.Text;
using WxPayScore.Security;
using WxPayScore.Tests.Infrastructure;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Tests.Security;

/// <summary>AEAD_AES_256_GCM (apiv3-security.md §4): the spec's vectors, an independent encryptor (Node), every tamper case.</summary>
public sealed class ResourceCipherTests
{
    public const string Plaintext =
        """{"mchid":"1230000109","sub_mchid":"1900000109","out_order_no":"SP20250101A0001","state":"DOING","state_description":"USER_CONFIRM"}""";

    public const string VectorNonce = "abcdefghijkl";

    public const string VectorEmptyAad =
        "Eu6k3KOMCfFZPsMjOaloD2wAiyabrE0oa9xh8bE0p45O8oLNF2TCk3pKoZA3sav/8SDI69QsEp6soCEijpeqFpzBuf/PwFd9NBgzWBlZxhHYhp8V3PoFM/MVP5tv+FgZk/yH243NFWrFvAvtE8AUxmTU3mQJByI/rXvUHPYKBFicOkvL3tHBuiuNoswS9eaK3l7V";

    public const string VectorPayscoreAad =
        "Eu6k3KOMCfFZPsMjOaloD2wAiyabrE0oa9xh8bE0p45O8oLNF2TCk3pKoZA3sav/8SDI69QsEp6soCEijpeqFpzBuf/PwFd9NBgzWBlZxhHYhp8V3PoFM/MVP5tv+FgZk/yH243NFWrFvAvtE8AUxmTU3mQJByI/rXvUHPYKBFicOkvbmf2MflkHqYmdQ7NzPfBX";

    // Node's crypto as the independent encryptor: argv = key, nonce, aad, plaintext; prints Base64(ciphertext ‖ tag).
    private const string NodeEncrypt =
        "const c=require('crypto');const [k,n,a,p]=process.argv.slice(1);" +
        "const e=c.createCipheriv('aes-256-gcm',Buffer.from(k,'utf8'),Buffer.from(n,'utf8'));e.setAAD(Buffer.from(a,'utf8'));" +
        "const ct=Buffer.concat([e.update(Buffer.from(p,'utf8')),e.final()]);" +
        "process.stdout.write(Buffer.concat([ct,e.getAuthTag()]).toString('base64'));";

    private readonly ResourceCipher cipher = new(TestKeys.ApiV3Key);

    [Theory]
    [InlineData("", VectorEmptyAad)]
    [InlineData(null, VectorEmptyAad)]
    [InlineData("payscore", VectorPayscoreAad)]
    public void Spec_vectors_decrypt(string? associatedData, string ciphertext)
    {
        var plaintext = cipher.Decrypt(VectorNonce, associatedData, ciphertext);

        Assert.Equal(Plaintext, Encoding.UTF8.GetString(plaintext));
    }

    [Fact]
    public void The_vectors_do_not_decrypt_under_each_others_associated_data()
    {
        Assert.Equal(ResourceDecryptionFailure.AuthenticationFailed,
            Assert.Throws<ResourceDecryptionException>(() => cipher.Decrypt(VectorNonce, "payscore", VectorEmptyAad)).Failure);
        Assert.Equal(ResourceDecryptionFailure.AuthenticationFailed,
            Assert.Throws<ResourceDecryptionException>(() => cipher.Decrypt(VectorNonce, "", VectorPayscoreAad)).Failure);
    }

    [Fact]
    public void Encrypt_reproduces_the_spec_vector()
    {
        Assert.Equal(VectorEmptyAad, cipher.Encrypt(VectorNonce, "", Encoding.UTF8.GetBytes(Plaintext)));
        Assert.Equal(VectorPayscoreAad, cipher.Encrypt(VectorNonce, "payscore", Encoding.UTF8.GetBytes(Plaintext)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("certificate")]
    [InlineData("payscore")]
    public async Task A_resource_encrypted_by_Node_decrypts(string associatedData)
    {
        const string plaintext = """{"out_order_no":"SP20250101A0001","service_introduction":"XX充电宝","state":"DONE"}""";
        var nonce = Nonce.Create(12);

        var node = await ProcessRunner.RunAsync("node", "-e", NodeEncrypt, TestKeys.ApiV3Key, nonce, associatedData, plaintext);

        Assert.True(node.ExitCode == 0, node.StandardError);
        Assert.Equal(plaintext, Encoding.UTF8.GetString(cipher.Decrypt(nonce, associatedData, node.StandardOutput.Trim())));
    }

    [Fact]
    public async Task Node_reproduces_the_spec_vector_so_the_encryptor_is_trustworthy()
    {
        var node = await ProcessRunner.RunAsync("node", "-e", NodeEncrypt, TestKeys.ApiV3Key, VectorNonce, "payscore", Plaintext);

        Assert.Equal(VectorPayscoreAad, node.StandardOutput.Trim());
    }

    public static TheoryData<string, string?, string?, string> Tampered()
    {
        var bytes = Convert.FromBase64String(VectorEmptyAad);
        string Flip(int index)
        {
            var copy = (byte[])bytes.Clone();
            copy[index] ^= 0x01;
            return Convert.ToBase64String(copy);
        }

        return new TheoryData<string, string?, string?, string>
        {
            { "first ciphertext byte", "", Flip(0), nameof(ResourceDecryptionFailure.AuthenticationFailed) },
            { "last ciphertext byte", "", Flip(bytes.Length - 17), nameof(ResourceDecryptionFailure.AuthenticationFailed) },
            { "tag byte", "", Flip(bytes.Length - 1), nameof(ResourceDecryptionFailure.AuthenticationFailed) },
            { "truncated tag", "", Convert.ToBase64String(bytes[..^1]), nameof(ResourceDecryptionFailure.AuthenticationFailed) },
            { "only a tag", "", Convert.ToBase64String(bytes[^16..]), nameof(ResourceDecryptionFailure.AuthenticationFailed) },
            { "shorter than a tag", "", Convert.ToBase64String(bytes[..15]), nameof(ResourceDecryptionFailure.AuthenticationFailed) },
            { "extra byte", "", Convert.ToBase64String([.. bytes, 0]), nameof(ResourceDecryptionFailure.AuthenticationFailed) },
            { "associated data added", "x", VectorEmptyAad, nameof(ResourceDecryptionFailure.AuthenticationFailed) },
            { "not base64", "", "%%%not-base64%%%", nameof(ResourceDecryptionFailure.InvalidBase64) },
            { "base64 with bad padding", "", VectorEmptyAad[..^1], nameof(ResourceDecryptionFailure.InvalidBase64) },
            { "missing ciphertext", "", null, nameof(ResourceDecryptionFailure.InvalidBase64) },
            { "empty ciphertext", "", "", nameof(ResourceDecryptionFailure.InvalidBase64) },
        };
    }

    [Theory]
    [MemberData(nameof(Tampered))]
    public void Every_tamper_case_fails_with_its_reason(string tamper, string? associatedData, string? ciphertext, string expectedName)
    {
        // The reason travels as its name: ResourceDecryptionFailure is internal, and xUnit test methods are public.
        var expected = Enum.Parse<ResourceDecryptionFailure>(expectedName);
        var ex = Assert.Throws<ResourceDecryptionException>(() => cipher.Decrypt(VectorNonce, associatedData, ciphertext));

        Assert.True(expected == ex.Failure, $"{tamper}: expected {expected}, got {ex.Failure}");
    }

    [Theory]
    [InlineData("abcdefghijkm")] // one character changed
    [InlineData("abcdefghijk")] // 11 bytes
    [InlineData("abcdefghijklm")] // 13 bytes
    [InlineData(null)]
    public void A_wrong_nonce_fails(string? nonce)
    {
        var ex = Assert.Throws<ResourceDecryptionException>(() => cipher.Decrypt(nonce, "", VectorEmptyAad));

        Assert.Equal(nonce is { Length: 12 } ? ResourceDecryptionFailure.AuthenticationFailed : ResourceDecryptionFailure.InvalidNonce, ex.Failure);
    }

    [Fact]
    public void A_different_APIv3_key_fails_authentication()
    {
        var other = new ResourceCipher("fedcba9876543210fedcba9876543210");

        Assert.Equal(ResourceDecryptionFailure.AuthenticationFailed,
            Assert.Throws<ResourceDecryptionException>(() => other.Decrypt(VectorNonce, "", VectorEmptyAad)).Failure);
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcde")]
    [InlineData("0123456789abcdef0123456789abcdef0")]
    [InlineData("0123456789abcdef0123456789abcde中")] // 32 characters, 34 bytes
    public void An_APIv3_key_that_is_not_32_bytes_is_refused(string key)
    {
        Assert.Throws<ArgumentException>(() => new ResourceCipher(key));
    }

    [Fact]
    public void Base64_with_line_breaks_is_accepted_as_Convert_accepts_it()
    {
        var wrapped = string.Join("\r\n", VectorEmptyAad.Chunk(76).Select(c => new string(c)));

        Assert.Equal(Plaintext, Encoding.UTF8.GetString(cipher.Decrypt(VectorNonce, "", wrapped)));
    }

    [Fact]
    public void The_cipher_still_decrypts_after_an_authentication_failure()
    {
        Assert.Throws<ResourceDecryptionException>(() => cipher.Decrypt(VectorNonce, "payscore", VectorEmptyAad));

        Assert.Equal(Plaintext, Encoding.UTF8.GetString(cipher.Decrypt(VectorNonce, "", VectorEmptyAad)));
    }

    [Fact]
    public async Task Concurrent_decryptions_are_independent()
    {
        var inputs = Enumerable.Range(0, 64).Select(i =>
        {
            var nonce = Nonce.Create(12);
            var text = $"{{\"seq\":{i},\"pad\":\"{new string('x', i * 13)}\"}}";
            return (nonce, text, aad: i % 2 == 0 ? "" : "payscore", ciphertext: cipher.Encrypt(nonce, i % 2 == 0 ? "" : "payscore", Encoding.UTF8.GetBytes(text)));
        }).ToArray();

        var results = await Task.WhenAll(inputs.Select(input => Task.Run(() =>
            Enumerable.Range(0, 50).All(_ => Encoding.UTF8.GetString(cipher.Decrypt(input.nonce, input.aad, input.ciphertext)) == input.text))));

        Assert.All(results, Assert.True);
    }

    [Fact]
    public void A_large_resource_round_trips()
    {
        var text = "{\"pad\":\"" + new string('中', 20_000) + "\"}";
        var ciphertext = cipher.Encrypt(VectorNonce, "certificate", Encoding.UTF8.GetBytes(text));

        Assert.Equal(text, Encoding.UTF8.GetString(cipher.Decrypt(VectorNonce, "certificate", ciphertext)));
    }
}
