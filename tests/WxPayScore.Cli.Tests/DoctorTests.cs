using System.Text.Json.Nodes;
using WxPayScore.Cli.Tests.Infrastructure;

namespace WxPayScore.Cli.Tests;

[Collection(CliTestGroup.Name)]
public sealed class DoctorTests(SandboxFixture fixture)
{
    [Fact]
    public async Task Good_configuration_is_green_with_a_verified_404_probe()
    {
        var result = await Tool.RunAsync(fixture.Workspace(), "doctor", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(result.Json["ok"]!.GetValue<bool>());
        var probe = Check(result, "probe");
        Assert.Equal("ok", probe["status"]!.GetValue<string>());
        Assert.Contains("404 ORDER_NOT_EXIST", probe["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(fixture.Sandbox.PublicKeyId, probe["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(probe["request_id"]?.GetValue<string>()));
        Assert.All(result.Json["checks"]!.AsArray(), c => Assert.NotEqual("fail", c!["status"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Human_output_lists_each_check_and_ends_with_the_verdict()
    {
        var result = await Tool.RunAsync(fixture.Workspace(), "doctor", "--certificate", fixture.CertificatePath);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("[ ok ] private key     RSA-2048 private key (PKCS#8)", result.Output, StringComparison.Ordinal);
        Assert.Contains($"[ ok ] certificate     serial {fixture.SerialNumber} = WeChatPay:MerchantSerialNumber", result.Output, StringComparison.Ordinal);
        Assert.Contains("[ ok ] live probe      signed 404 ORDER_NOT_EXIST", result.Output, StringComparison.Ordinal);
        Assert.EndsWith("All checks passed." + Environment.NewLine, result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Swapped_private_and_public_key_are_named_as_swapped()
    {
        var workspace = fixture.Workspace(s =>
        {
            s["WeChatPay:PrivateKeyPath"] = fixture.Sandbox.PublicKeyPath;
            s["WeChatPay:PublicKeyPath"] = fixture.PrivateKeyPath;
        });

        var result = await Tool.RunAsync(workspace, "doctor", "--json");

        Assert.Equal(1, result.ExitCode);
        var privateKey = Check(result, "private_key");
        Assert.Equal("private_key_is_public_key", privateKey["diagnosis"]!.GetValue<string>());
        Assert.Contains("look swapped", privateKey["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("public_key_is_private_key", Check(result, "wechatpay_public_key")["diagnosis"]!.GetValue<string>());
        Assert.Equal("fail", Check(result, "settings")["status"]!.GetValue<string>());
        Assert.Equal("skip", Check(result, "probe")["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Wrong_serial_is_a_sign_error_from_the_probe()
    {
        var workspace = fixture.Workspace(s => s["WeChatPay:MerchantSerialNumber"] = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1");

        var result = await Tool.RunAsync(workspace, "doctor", "--json");

        Assert.Equal(1, result.ExitCode);
        var probe = Check(result, "probe");
        Assert.Equal("sign_error", probe["diagnosis"]!.GetValue<string>());
        Assert.Contains("401 SIGN_ERROR", probe["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("skip", Check(result, "merchant_certificate")["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Wrong_serial_with_the_certificate_given_is_caught_offline()
    {
        var workspace = fixture.Workspace(s => s["WeChatPay:MerchantSerialNumber"] = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1");

        var result = await Tool.RunAsync(workspace, "doctor", "--offline", "--json", "--certificate", fixture.CertificatePath);

        Assert.Equal(1, result.ExitCode);
        var certificate = Check(result, "merchant_certificate");
        Assert.Equal("serial_mismatch", certificate["diagnosis"]!.GetValue<string>());
        Assert.Contains(fixture.SerialNumber, certificate["fix"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("skip", Check(result, "probe")["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_certificate_of_another_key_is_named()
    {
        var workspace = fixture.Workspace();
        var other = await Tool.RunAsync(workspace, "keys", "new", "--out", "other", "--json");
        var otherSerial = other.Json["serial_number"]!.GetValue<string>();

        var result = await Tool.RunAsync(workspace, "doctor", "--offline", "--json", "--serial", otherSerial,
            "--certificate", other.Json["certificate_path"]!.GetValue<string>());

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("certificate_key_mismatch", Check(result, "merchant_certificate")["diagnosis"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_31_byte_apiv3_key_is_named_with_its_length()
    {
        var workspace = fixture.Workspace(s => s["WeChatPay:ApiV3Key"] = fixture.ApiV3Key[..31]);

        var result = await Tool.RunAsync(workspace, "doctor", "--json");

        Assert.Equal(1, result.ExitCode);
        var key = Check(result, "apiv3_key");
        Assert.Equal("apiv3_key_length", key["diagnosis"]!.GetValue<string>());
        Assert.Contains("is 31 bytes; it must be exactly 32", key["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(Check(result, "settings")["details"]!.AsArray(), d => d!.GetValue<string>().Contains("ApiV3Key must be exactly 32 bytes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_apiv3_key_with_a_stray_space_says_so()
    {
        var workspace = fixture.Workspace(s => s["WeChatPay:ApiV3Key"] = fixture.ApiV3Key + " ");

        var result = await Tool.RunAsync(workspace, "doctor", "--offline", "--json");

        Assert.Equal(1, result.ExitCode);
        var key = Check(result, "apiv3_key");
        Assert.Contains("33 bytes", key["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("whitespace (at the ends)", key["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("it is 32 bytes", key["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_public_key_id_is_an_unverifiable_answer_naming_the_right_id()
    {
        var workspace = fixture.Workspace(s => s["WeChatPay:PublicKeyId"] = "PUB_KEY_ID_0114232806052025032000318888888888");

        var result = await Tool.RunAsync(workspace, "doctor", "--json");

        Assert.Equal(1, result.ExitCode);
        var probe = Check(result, "probe");
        Assert.Equal("unverifiable_answer", probe["diagnosis"]!.GetValue<string>());
        Assert.Equal("unknown_serial", probe["reason"]!.GetValue<string>());
        Assert.Contains($"Set WeChatPay:PublicKeyId to {fixture.Sandbox.PublicKeyId}", probe["fix"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("ok", Check(result, "wechatpay_public_key")["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Wrong_wechat_public_key_is_an_unverifiable_answer_with_a_bad_signature()
    {
        var workspace = fixture.Workspace(s => s["WeChatPay:PublicKeyPath"] = fixture.StrangerPublicKeyPath());

        var result = await Tool.RunAsync(workspace, "doctor", "--json");

        Assert.Equal(1, result.ExitCode);
        var probe = Check(result, "probe");
        Assert.Equal("unverifiable_answer", probe["diagnosis"]!.GetValue<string>());
        Assert.Equal("invalid_signature", probe["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Own_public_key_in_place_of_wechats_is_named()
    {
        var ownPublic = Path.Combine(fixture.MerchantFolder, "apiclient_public_key.pem");
        var workspace = fixture.Workspace(s => s["WeChatPay:PublicKeyPath"] = ownPublic);

        var result = await Tool.RunAsync(workspace, "doctor", "--offline", "--json");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("public_key_is_merchant_key", Check(result, "wechatpay_public_key")["diagnosis"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unreachable_host_is_a_connection_failure()
    {
        var url = $"http://127.0.0.1:{SandboxFixture.ClosedPort()}";
        var workspace = fixture.Workspace(s =>
        {
            s["WeChatPay:BaseUrl"] = url;
            s["WeChatPay:BackupBaseUrl"] = url;
            s["WeChatPay:RetryBaseDelay"] = "00:00:00.010";
        });

        var result = await Tool.RunAsync(workspace, "doctor", "--json");

        Assert.Equal(1, result.ExitCode);
        var probe = Check(result, "probe");
        Assert.Equal("connection_failed", probe["diagnosis"]!.GetValue<string>());
        Assert.Contains(url, probe["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sandbox_url_without_a_backup_host_has_no_fail_over()
    {
        var workspace = fixture.Workspace(s => s.Remove("WeChatPay:BackupBaseUrl"));

        var result = await Tool.RunAsync(workspace, "doctor", "--offline", "--json");

        Assert.Equal(0, result.ExitCode);
        var hosts = Check(result, "hosts");
        Assert.Equal("ok", hosts["status"]!.GetValue<string>());
        Assert.Contains("no fail-over host", hosts["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sandbox_url_with_wechats_backup_host_is_warned_about()
    {
        var workspace = fixture.Workspace(s => s["WeChatPay:BackupBaseUrl"] = "https://api2.mch.weixin.qq.com");

        var result = await Tool.RunAsync(workspace, "doctor", "--offline", "--json");

        Assert.Equal(0, result.ExitCode);
        var hosts = Check(result, "hosts");
        Assert.Equal("warn", hosts["status"]!.GetValue<string>());
        Assert.Equal("backup_host_mismatch", hosts["diagnosis"]!.GetValue<string>());
    }

    [Fact]
    public async Task Offline_skips_the_probe_and_needs_no_network()
    {
        var url = $"http://127.0.0.1:{SandboxFixture.ClosedPort()}";
        var workspace = fixture.Workspace(s => s["WeChatPay:BaseUrl"] = url);

        var result = await Tool.RunAsync(workspace, "doctor", "--offline", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("skip", Check(result, "probe")["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Certificate_mode_downloads_and_decrypts_the_platform_certificates()
    {
        var workspace = fixture.Workspace(s =>
        {
            s.Remove("WeChatPay:PublicKeyId");
            s.Remove("WeChatPay:PublicKeyPath");
            s["WeChatPay:UsePlatformCertificates"] = "true";
            s["WeChatPay:MchId"] = SandboxFixture.CertificateModeMchId;
        });

        var good = await Tool.RunAsync(workspace, "doctor", "--json");
        var wrongKey = await Tool.RunAsync(workspace, "doctor", "--json", "--apiv3-key", new string('k', 32));

        Assert.True(good.ExitCode == 0, good.ToString());
        Assert.Contains(fixture.Sandbox.PlatformCertificateSerial, Check(good, "probe")["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(1, wrongKey.ExitCode);
        var probe = Check(wrongKey, "probe");
        Assert.Equal("unverifiable_answer", probe["diagnosis"]!.GetValue<string>());
        Assert.Equal("platform_certificates_failed", probe["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Missing_settings_are_listed_by_name()
    {
        var folder = Path.Combine(fixture.Root, "empty-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(folder);

        var result = await Tool.RunAsync(folder, "doctor", "--json");

        Assert.Equal(1, result.ExitCode);
        var details = Check(result, "settings")["details"]!.AsArray().Select(d => d!.GetValue<string>()).ToList();
        Assert.Contains(details, d => d.StartsWith("WeChatPay:MchId is required", StringComparison.Ordinal));
        Assert.Contains(details, d => d.StartsWith("WeChatPay:MerchantSerialNumber is required", StringComparison.Ordinal));
        Assert.Equal("private_key_missing", Check(result, "private_key")["diagnosis"]!.GetValue<string>());
    }

    private static JsonNode Check(CliResult result, string id) =>
        result.Json["checks"]!.AsArray().Single(c => c!["id"]!.GetValue<string>() == id)!;
}
