using WxPayScore.Cli.Tests.Infrastructure;

namespace WxPayScore.Cli.Tests;

[Collection(CliTestGroup.Name)]
public sealed class KeysTests(SandboxFixture fixture)
{
    [Fact]
    public async Task New_writes_a_consistent_labelled_set_and_refuses_to_overwrite()
    {
        var folder = fixture.Workspace();

        var made = await Tool.RunAsync(folder, "keys", "new", "--out", "keys");
        var again = await Tool.RunAsync(folder, "keys", "new", "--out", "keys");

        Assert.True(made.ExitCode == 0, made.ToString());
        Assert.StartsWith("FOR THE SANDBOX ONLY", made.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(folder, "keys", "SANDBOX-ONLY.txt")));
        var serial = File.ReadAllText(Path.Combine(folder, "keys", "serial_no.txt")).Trim();
        Assert.Matches("^[0-9A-F]{40}$", serial);
        Assert.Equal(32, File.ReadAllText(Path.Combine(folder, "keys", "apiv3_key.txt")).Trim().Length);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("--force", again.Error, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(folder, "keys", "apiclient_key.pem")));
        }
    }

    [Fact]
    public async Task Inspect_tells_key_certificate_and_public_key_apart_and_links_them_by_fingerprint()
    {
        var key = await Tool.RunAsync(fixture.Root, "keys", "inspect", fixture.PrivateKeyPath, "--json");
        var certificate = await Tool.RunAsync(fixture.Root, "keys", "inspect", fixture.CertificatePath, "--json");
        var wechat = await Tool.RunAsync(fixture.Root, "keys", "inspect", fixture.Sandbox.PublicKeyPath, "--json");

        Assert.True(key.ExitCode == 0, key.ToString());
        var keyBlock = key.Json["blocks"]![0]!;
        Assert.Equal("PrivateKeyPkcs8", keyBlock["kind"]!.GetValue<string>());
        Assert.Equal(2048, keyBlock["key_size"]!.GetValue<int>());
        Assert.Contains("WeChatPay:PrivateKeyPath", keyBlock["use"]!.GetValue<string>(), StringComparison.Ordinal);

        var certificateBlock = certificate.Json["blocks"]![0]!;
        Assert.Equal("Certificate", certificateBlock["kind"]!.GetValue<string>());
        Assert.Equal(fixture.SerialNumber, certificateBlock["serial_number"]!.GetValue<string>());
        Assert.True(certificateBlock["valid_now"]!.GetValue<bool>());
        Assert.Equal(keyBlock["public_key_fingerprint"]!.GetValue<string>(), certificateBlock["public_key_fingerprint"]!.GetValue<string>());

        var wechatBlock = wechat.Json["blocks"]![0]!;
        Assert.Equal("PublicKey", wechatBlock["kind"]!.GetValue<string>());
        Assert.NotEqual(keyBlock["public_key_fingerprint"]!.GetValue<string>(), wechatBlock["public_key_fingerprint"]!.GetValue<string>());
        Assert.Contains("WeChatPay:PublicKeyPath", wechatBlock["use"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_prints_serial_and_validity_for_humans()
    {
        var result = await Tool.RunAsync(fixture.Root, "keys", "inspect", fixture.CertificatePath);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("X.509 certificate, RSA-2048 key", result.Output, StringComparison.Ordinal);
        Assert.Contains("serial       " + fixture.SerialNumber, result.Output, StringComparison.Ordinal);
        Assert.Contains("(valid now)", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_of_a_pkcs1_key_and_of_a_non_pem_file()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(1024);
        var pkcs1 = Path.Combine(fixture.Root, "pkcs1.pem");
        await File.WriteAllTextAsync(pkcs1, rsa.ExportRSAPrivateKeyPem());
        var apiV3 = Path.Combine(fixture.Root, "apiv3.txt");
        await File.WriteAllTextAsync(apiV3, fixture.ApiV3Key + "\n");

        var key = await Tool.RunAsync(fixture.Root, "keys", "inspect", pkcs1);
        var text = await Tool.RunAsync(fixture.Root, "keys", "inspect", apiV3, "--json");

        Assert.Equal(0, key.ExitCode);
        Assert.Contains("RSA-1024 private key (PKCS#1)", key.Output, StringComparison.Ordinal);
        Assert.Contains("WeChat Pay APIv3 needs RSA ≥ 2048", key.Output, StringComparison.Ordinal);
        Assert.Equal(1, text.ExitCode);
        Assert.Contains("APIv3 key", text.Json["note"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_apiv3_key_that_starts_with_a_zero_is_not_taken_for_der()
    {
        // '0' is 0x30, DER's SEQUENCE tag: a random APIv3 key starts with it about once in 62.
        var apiV3 = Path.Combine(fixture.Root, "apiv3-zero.txt");
        await File.WriteAllTextAsync(apiV3, "0" + fixture.ApiV3Key[1..] + "\n");

        var text = await Tool.RunAsync(fixture.Root, "keys", "inspect", apiV3, "--json");

        Assert.Equal(1, text.ExitCode);
        Assert.Contains("APIv3 key", text.Json["note"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
