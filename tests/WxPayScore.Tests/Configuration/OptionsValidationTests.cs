using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WxPayScore.Configuration;
using WxPayScore.Tests.Infrastructure;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Tests.Configuration;

/// <summary>Start-up validation: each bad setting gives a message naming <c>WeChatPay:&lt;Key&gt;</c>.</summary>
public sealed class OptionsValidationTests
{
    private static OptionsValidationException StartUpFails(Action<WxPayScoreOptions> breakIt)
    {
        var services = new ServiceCollection();
        services.AddWxPayScore(o =>
        {
            SdkHost.Defaults(o, new Uri("http://127.0.0.1:9"));
            breakIt(o);
        });
        using var provider = services.BuildServiceProvider();

        // What the generic host runs at start-up for ValidateOnStart().
        return Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
    }

    public static TheoryData<string, Action<WxPayScoreOptions>> BadSettings() => new()
    {
        { "WeChatPay:MchId", o => o.MchId = "" },
        { "WeChatPay:MchId", o => o.MchId = "12AB" },
        { "WeChatPay:MerchantSerialNumber", o => o.MerchantSerialNumber = "" },
        { "WeChatPay:MerchantSerialNumber", o => o.MerchantSerialNumber = "not-hex" },
        { "WeChatPay:PrivateKeyPath", o => o.PrivateKey = null },
        { "WeChatPay:PrivateKeyPath", o => { o.PrivateKey = null; o.PrivateKeyPath = "/nonexistent/apiclient_key.pem"; } },
        { "WeChatPay:PrivateKeyPath", o => o.PrivateKeyPath = typeof(OptionsValidationTests).Assembly.Location }, // both given
        { "WeChatPay:ApiV3Key", o => o.ApiV3Key = "" },
        { "WeChatPay:ApiV3Key", o => o.ApiV3Key = "0123456789abcdef0123456789abcde" },
        { "WeChatPay:ApiV3Key", o => o.ApiV3Key = "0123456789abcdef0123456789abcdef0" },
        { "WeChatPay:ApiV3Key", o => o.ApiV3Key = "0123456789abcdef0123456789abcde中" }, // 32 characters, 34 bytes
        { "WeChatPay:PublicKeyId", o => o.PublicKeyId = "0000000000000024101100397200000006" },
        { "WeChatPay:PublicKeyId", o => o.PublicKeyId = null },
        { "WeChatPay:PublicKeyPath", o => { o.PublicKey = null; o.PublicKeyId = null; } },
        { "WeChatPay:PublicKeyPath", o => { o.PublicKey = null; o.PublicKeyPath = "/nonexistent/pub_key.pem"; } },
        { "WeChatPay:BaseUrl", o => o.BaseUrl = "" },
        { "WeChatPay:BaseUrl", o => o.BaseUrl = "api.mch.weixin.qq.com" },
        { "WeChatPay:BackupBaseUrl", o => o.BackupBaseUrl = "ftp://api2.mch.weixin.qq.com" },
        { "WeChatPay:TimestampTolerance", o => o.TimestampTolerance = TimeSpan.Zero },
        { "WeChatPay:MaxRetries", o => o.MaxRetries = 11 },
        { "WeChatPay:MaxCallbackBodyBytes", o => o.MaxCallbackBodyBytes = 0 },
        { "WeChatPay:MaxResponseBodyBytes", o => o.MaxResponseBodyBytes = -1 },
        { "WeChatPay:AttemptTimeout", o => o.AttemptTimeout = TimeSpan.Zero },
        { "WeChatPay:TotalTimeout", o => o.TotalTimeout = TimeSpan.FromDays(2) },
        { "WeChatPay:RetryBaseDelay", o => o.RetryBaseDelay = TimeSpan.FromSeconds(-1) },
        { "WeChatPay:CertificateRefreshInterval", o => { o.UsePlatformCertificates = true; o.CertificateRefreshInterval = TimeSpan.FromSeconds(5); } },
        { "WeChatPay:UserAgent", o => o.UserAgent = " " },
        { "WeChatPay:PrivateKey", o => o.PrivateKey = "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----" },
        { "WeChatPay:PrivateKey", o => o.PrivateKey = TestKeys.WeChatPublicKeyPem },
        { "WeChatPay:PublicKey", o => o.PublicKey = "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----" },
        { "WeChatPay:PublicKey", o => o.PublicKey = TestKeys.MerchantPrivateKeyPem },
        { "WeChatPay:PrivateKeyPath", o => { o.PrivateKey = null; o.PrivateKeyPath = typeof(OptionsValidationTests).Assembly.Location; } }, // exists, not a key
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void Each_bad_setting_is_named_in_the_start_up_error(string key, Action<WxPayScoreOptions> breakIt)
    {
        var ex = StartUpFails(breakIt);

        Assert.Contains(ex.Failures, f => f.StartsWith(key, StringComparison.Ordinal) || f.Contains(key + " ", StringComparison.Ordinal));
    }

    [Fact]
    public void Valid_settings_pass_and_resolve_the_services()
    {
        var services = new ServiceCollection();
        services.AddWxPayScore(o => SdkHost.Defaults(o, new Uri("http://127.0.0.1:9")));
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        provider.GetRequiredService<IStartupValidator>().Validate();
        Assert.NotNull(provider.GetRequiredService<WxPayScore.ServiceOrders.ServiceOrderService>());
        Assert.NotNull(provider.GetRequiredService<WxPayScore.Callbacks.CallbackReader>());
    }

    [Fact]
    public void Certificate_mode_needs_no_public_key()
    {
        var services = new ServiceCollection();
        services.AddWxPayScore(o =>
        {
            SdkHost.Defaults(o, new Uri("http://127.0.0.1:9"));
            o.PublicKey = null;
            o.PublicKeyId = null;
            o.UsePlatformCertificates = true;
        });
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
    }

    [Fact]
    public void Binding_from_the_WeChatPay_configuration_section_validates_the_same_way()
    {
        using var provider = BoundFromSection(new() { ["WeChatPay:ApiV3Key"] = "too short", ["WeChatPay:TimestampTolerance"] = "00:02:00" });

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Single(ex.Failures);
        Assert.StartsWith("WeChatPay:ApiV3Key must be exactly 32 bytes; it is 9", ex.Failures.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void Binding_reads_every_setting_from_the_section()
    {
        using var provider = BoundFromSection(new()
        {
            ["WeChatPay:TimestampTolerance"] = "00:02:00",
            ["WeChatPay:MaxRetries"] = "5",
            ["WeChatPay:BackupBaseUrl"] = "",
        });

        provider.GetRequiredService<IStartupValidator>().Validate();
        var options = provider.GetRequiredService<IOptions<WxPayScoreOptions>>().Value;
        Assert.Equal(TimeSpan.FromMinutes(2), options.TimestampTolerance);
        Assert.Equal(5, options.MaxRetries);
        Assert.Equal(WxPayScoreOptions.DefaultBaseUrl, options.BaseUrl);
        Assert.True(string.IsNullOrEmpty(options.BackupBaseUrl));
    }

    [Theory]
    [InlineData(null, null, WxPayScoreOptions.DefaultBackupBaseUrl)]
    [InlineData("https://api.mch.weixin.qq.com/", null, WxPayScoreOptions.DefaultBackupBaseUrl)]
    [InlineData("http://127.0.0.1:5090", null, "")]
    [InlineData("https://proxy.example.com", null, "")]
    [InlineData("http://127.0.0.1:5090", "", "")]
    [InlineData("https://api.mch.weixin.qq.com", "", "")]
    [InlineData("http://127.0.0.1:5090", "http://127.0.0.1:5091", "http://127.0.0.1:5091")]
    public void The_backup_host_defaults_to_WeChats_only_when_the_base_url_is_WeChats_primary_host(string? baseUrl, string? backup, string expected)
    {
        var changes = new Dictionary<string, string?>();
        if (baseUrl is not null)
        {
            changes["WeChatPay:BaseUrl"] = baseUrl;
        }

        if (backup is not null)
        {
            changes["WeChatPay:BackupBaseUrl"] = backup;
        }

        using var provider = BoundFromSection(changes);
        Assert.Equal(expected, provider.GetRequiredService<IOptions<WxPayScoreOptions>>().Value.BackupBaseUrl ?? string.Empty);
        Assert.Equal(expected, new WxPayScoreOptions { BaseUrl = baseUrl ?? WxPayScoreOptions.DefaultBaseUrl, BackupBaseUrl = backup }.BackupBaseUrl ?? string.Empty);
    }

    [Fact]
    public void Every_failure_is_reported_at_once()
    {
        var ex = StartUpFails(o =>
        {
            o.MchId = "";
            o.ApiV3Key = "x";
            o.PublicKeyId = "KEY";
        });

        Assert.Equal(3, ex.Failures.Count());
    }

    [Fact]
    public void Secrets_are_never_echoed_in_validation_messages()
    {
        var ex = StartUpFails(o =>
        {
            o.ApiV3Key = "0123456789abcdef0123456789abcde";
            o.PrivateKey = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC\n-----END PRIVATE KEY-----";
        });

        Assert.DoesNotContain("0123456789abcdef0123456789abcde", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>The SDK bound from a WeChatPay configuration section: the test merchant's settings, each key of <paramref name="changes"/> set or replaced.</summary>
    private static ServiceProvider BoundFromSection(Dictionary<string, string?> changes)
    {
        var settings = new Dictionary<string, string?>
        {
            ["WeChatPay:MchId"] = TestKeys.MchId,
            ["WeChatPay:MerchantSerialNumber"] = TestKeys.MerchantSerial,
            ["WeChatPay:PrivateKey"] = TestKeys.MerchantPrivateKeyPem,
            ["WeChatPay:ApiV3Key"] = TestKeys.ApiV3Key,
            ["WeChatPay:PublicKeyId"] = TestKeys.PublicKeyId,
            ["WeChatPay:PublicKey"] = TestKeys.WeChatPublicKeyPem,
        };
        foreach (var (key, value) in changes)
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddWxPayScore(configuration.GetSection(WxPayScoreOptions.SectionName));
        return services.BuildServiceProvider();
    }
}
