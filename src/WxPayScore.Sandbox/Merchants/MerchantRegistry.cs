using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using WxPayScore.Security;
using WxPayScore.ServiceOrders;

namespace WxPayScore.Sandbox.Merchants;

/// <summary>The merchants, services and mini programs of the configuration, checked and loaded once.</summary>
internal sealed class MerchantRegistry : IDisposable
{
    private readonly Dictionary<string, RegisteredMerchant> merchants = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RegisteredService> services = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> miniPrograms = new(StringComparer.Ordinal);

    public MerchantRegistry(IOptions<SandboxOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var o = options.Value;
        var errors = new List<string>();
        for (var i = 0; i < o.ServiceProviders.Count; i++)
        {
            var sp = o.ServiceProviders[i];
            var at = $"Sandbox:ServiceProviders:{i}";
            try
            {
                if (string.IsNullOrWhiteSpace(sp.MchId))
                {
                    errors.Add($"{at}:MchId is required.");
                    continue;
                }

                if (string.IsNullOrWhiteSpace(sp.SerialNumber))
                {
                    errors.Add($"{at}:SerialNumber is required (serial of the merchant API certificate).");
                    continue;
                }

                if (Encoding.UTF8.GetByteCount(sp.ApiV3Key ?? string.Empty) != ResourceCipher.KeySize)
                {
                    errors.Add($"{at}:ApiV3Key must be exactly 32 bytes.");
                    continue;
                }

                var apiV2Key = string.IsNullOrWhiteSpace(sp.ApiV2Key) ? null : sp.ApiV2Key;
                if (apiV2Key is not null && apiV2Key.Length != 32)
                {
                    errors.Add($"{at}:ApiV2Key must be exactly 32 characters when set.");
                    continue;
                }

                var pem = sp.PublicKeyPem is { Length: > 0 } text ? text
                    : sp.PublicKeyPath is { Length: > 0 } path ? File.ReadAllText(path)
                    : sp.CertificatePath is { Length: > 0 } cert ? File.ReadAllText(cert)
                    : null;
                if (pem is null)
                {
                    errors.Add($"{at}: one of PublicKeyPem, PublicKeyPath or CertificatePath is required.");
                    continue;
                }

                if (!Enum.TryParse<PlatformKeyMode>(sp.PlatformKeyMode ?? "Auto", ignoreCase: true, out var keyMode))
                {
                    errors.Add($"{at}:PlatformKeyMode must be Auto, PublicKey or Certificate; got '{sp.PlatformKeyMode}'.");
                    continue;
                }

                var key = PemKeys.LoadPublicKey(pem);
                merchants[sp.MchId] = new RegisteredMerchant(sp.MchId, sp.SerialNumber.Trim(), key, new ResourceCipher(sp.ApiV3Key!),
                    new HashSet<string>(sp.SubMchIds, StringComparer.Ordinal), keyMode, apiV2Key,
                    string.IsNullOrWhiteSpace(sp.RefundNotifyUrl) ? null : sp.RefundNotifyUrl.Trim());
            }
            catch (Exception ex) when (ex is IOException or FormatException or CryptographicException or UnauthorizedAccessException)
            {
                errors.Add($"{at}: {ex.Message}");
            }
        }

        for (var i = 0; i < o.Services.Count; i++)
        {
            var s = o.Services[i];
            var at = $"Sandbox:Services:{i}";
            if (string.IsNullOrWhiteSpace(s.ServiceId))
            {
                errors.Add($"{at}:ServiceId is required.");
                continue;
            }

            if (!Enum.TryParse<ServiceMode>(s.Mode, ignoreCase: true, out var mode))
            {
                errors.Add($"{at}:Mode must be DepositWaived (先免) or EnjoyFirst (先享); got '{s.Mode}'.");
                continue;
            }

            if (s.RiskCap <= 0)
            {
                errors.Add($"{at}:RiskCap must be positive (fen).");
                continue;
            }

            services[s.ServiceId] = new RegisteredService(s.ServiceId, mode, s.RiskCap, new HashSet<string>(s.AppIds, StringComparer.Ordinal));
        }

        foreach (var mp in o.MiniPrograms)
        {
            if (!string.IsNullOrWhiteSpace(mp.AppId))
            {
                miniPrograms[mp.AppId] = mp.AppSecret ?? string.Empty;
            }
        }

        if (errors.Count > 0)
        {
            Dispose();
            throw new OptionsValidationException(SandboxOptions.SectionName, typeof(SandboxOptions), errors);
        }
    }

    public IReadOnlyCollection<RegisteredMerchant> Merchants => merchants.Values;

    public IReadOnlyCollection<RegisteredService> Services => services.Values;

    public RegisteredMerchant? FindMerchant(string mchId) => merchants.GetValueOrDefault(mchId);

    public RegisteredService? FindService(string serviceId) => services.GetValueOrDefault(serviceId);

    public string? FindAppSecret(string appId) => miniPrograms.GetValueOrDefault(appId);

    /// <summary>The risk-fund names a service's sub-mode accepts.</summary>
    public static IReadOnlyList<string> AllowedRiskFundNames(ServiceMode mode) =>
        mode == ServiceMode.EnjoyFirst ? RiskFundNames.EnjoyFirst : RiskFundNames.DepositWaived;

    public void Dispose()
    {
        foreach (var merchant in merchants.Values)
        {
            merchant.PublicKey.Dispose();
        }
    }
}
