using System.CommandLine;
using Microsoft.Extensions.Configuration;
using WxPayScore.Cli.Infrastructure;
using WxPayScore.Configuration;

namespace WxPayScore.Cli.Configuration;

/// <summary>
/// The configuration the server reads, from the same sources in the same order: <c>appsettings.json</c> and
/// <c>appsettings.{DOTNET_ENVIRONMENT}.json</c> in the current folder, environment variables (<c>__</c> for <c>:</c>), then
/// <c>--config FILE</c>, <c>--set KEY=VALUE</c> and the single-value flags. Key file paths are resolved against the
/// current folder.
/// </summary>
internal sealed class CliSettings
{
    /// <summary>CLI-only: the merchant API certificate (<c>apiclient_cert.pem</c>), which doctor compares with the key and serial.</summary>
    public const string MerchantCertificatePathKey = "WeChatPay:MerchantCertificatePath";

    private static readonly string[] PathKeys = ["WeChatPay:PrivateKeyPath", "WeChatPay:PublicKeyPath", MerchantCertificatePathKey];

    private CliSettings(IConfiguration configuration, IReadOnlyList<string> sources)
    {
        Configuration = configuration;
        Sources = sources;
    }

    /// <summary>Every setting, with key file paths already absolute.</summary>
    public IConfiguration Configuration { get; }

    /// <summary>The files read, for the doctor's report.</summary>
    public IReadOnlyList<string> Sources { get; }

    public string? ServiceId => Value("PayScore:ServiceId");

    public string? SubMchId => Value("PayScore:SubMchId");

    public string? MerchantCertificatePath => Value(MerchantCertificatePathKey);

    public static CliSettings Load(CliConsole console, ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(parse);
        var environment = console.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? console.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? "Production";
        var sources = new List<string>();
        var builder = new ConfigurationBuilder().SetBasePath(console.WorkingDirectory);
        foreach (var name in new[] { "appsettings.json", $"appsettings.{environment}.json" })
        {
            var path = Path.Combine(console.WorkingDirectory, name);
            if (File.Exists(path))
            {
                builder.AddJsonFile(path, optional: false, reloadOnChange: false);
                sources.Add(path);
            }
        }

        if (console.Environment is null)
        {
            builder.AddEnvironmentVariables();
        }
        else
        {
            builder.AddInMemoryCollection(console.Environment.Select(e => KeyValuePair.Create(e.Key.Replace("__", ":", StringComparison.Ordinal), (string?)e.Value)));
        }

        if (parse.GetValue(GlobalOptions.Config) is { Length: > 0 } configFile)
        {
            var path = console.ResolvePath(configFile);
            if (!File.Exists(path))
            {
                throw new UsageException($"--config '{configFile}' does not exist.");
            }

            builder.AddJsonFile(path, optional: false, reloadOnChange: false);
            sources.Add(path);
        }

        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in parse.GetValue(GlobalOptions.Set) ?? [])
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new UsageException($"--set expects KEY=VALUE (e.g. WeChatPay:MaxRetries=0); got '{pair}'.");
            }

            overrides[pair[..equals].Trim()] = pair[(equals + 1)..];
        }

        foreach (var (option, key) in GlobalOptions.Settings)
        {
            if (parse.GetValue(option) is { } value)
            {
                overrides[key] = value;
            }
        }

        builder.AddInMemoryCollection(overrides);
        IConfigurationRoot root;
        try
        {
            root = builder.Build();
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or IOException or System.Text.Json.JsonException)
        {
            throw new UsageException("A configuration file could not be read: " + ex.Message, ex);
        }

        var resolved = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var key in PathKeys)
        {
            if (root[key] is { Length: > 0 } path && !string.IsNullOrWhiteSpace(path))
            {
                resolved[key] = console.ResolvePath(path);
            }
        }

        var configuration = new ConfigurationBuilder().AddConfiguration(root).AddInMemoryCollection(resolved).Build();
        return new CliSettings(configuration, sources);
    }

    /// <summary>The <c>WeChatPay</c> section bound as the SDK binds it.</summary>
    public WxPayScoreOptions WeChatPay()
    {
        var options = new WxPayScoreOptions();
        try
        {
            Configuration.GetSection(WxPayScoreOptions.SectionName).Bind(options);
        }
        catch (InvalidOperationException ex)
        {
            throw new UsageException("A WeChatPay setting has the wrong type: " + ex.Message, ex);
        }

        return options;
    }

    public string RequireServiceId() => ServiceId ?? throw new UsageException("PayScore:ServiceId is not set (appsettings.json, PayScore__ServiceId or --service-id).");

    public string RequireSubMchId() => SubMchId ?? throw new UsageException("PayScore:SubMchId is not set (appsettings.json, PayScore__SubMchId or --sub-mchid).");

    private string? Value(string key) => Configuration[key] is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
