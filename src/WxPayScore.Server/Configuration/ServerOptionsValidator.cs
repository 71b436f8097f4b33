using Microsoft.Extensions.Options;
using WxPayScore.Errors;
using WxPayScore.Server.Admin;
using WxPayScore.Server.Orders;
using WxPayScore.Server.Persistence;
using WxPayScore.Server.Reconciliation;
using WxPayScore.Server.Sessions;
using WxPayScore.ServiceOrders;

namespace WxPayScore.Server.Configuration;

/// <summary>Start-up validation of the server's own sections; every message names the setting (<c>Section:Key</c>).</summary>
public sealed class ServerOptionsValidator :
    IValidateOptions<PayScoreOptions>,
    IValidateOptions<StorageOptions>,
    IValidateOptions<SessionTokenOptions>,
    IValidateOptions<MiniProgramOptions>,
    IValidateOptions<ReconcilerOptions>,
    IValidateOptions<AdminOptions>
{
    public ValidateOptionsResult Validate(string? name, PayScoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        Require(errors, options.ServiceId, "PayScore:ServiceId");
        Require(errors, options.AppId, "PayScore:AppId");
        Require(errors, options.SubMchId, "PayScore:SubMchId");
        if (!string.IsNullOrEmpty(options.NotifyUrl) &&
            (!Uri.TryCreate(options.NotifyUrl, UriKind.Absolute, out var notify) || notify.Query.Length > 0 || (notify.Scheme != Uri.UriSchemeHttp && notify.Scheme != Uri.UriSchemeHttps)))
        {
            errors.Add($"PayScore:NotifyUrl must be an absolute http(s) URL without a query string; got '{options.NotifyUrl}'.");
        }

        if ((options.OrderNoPrefix ?? string.Empty).Length > 8 || !(options.OrderNoPrefix ?? string.Empty).All(char.IsAsciiLetterOrDigit))
        {
            errors.Add("PayScore:OrderNoPrefix must be at most 8 letters or digits.");
        }

        if (options.Plans.Count == 0)
        {
            errors.Add("PayScore:Plans must define at least one plan.");
        }

        foreach (var (id, plan) in options.Plans)
        {
            if (id.Length > 64 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                errors.Add($"PayScore:Plans:{id}: a plan id is at most 64 letters, digits, '-' or '_'.");
                continue;
            }

            try
            {
                ServiceOrderValidator.ValidateCreate(new PlanCatalog(Options.Create(new PayScoreOptions
                {
                    ServiceId = "0", AppId = "wx0", SubMchId = "0", Plans = options.Plans,
                })).BuildCreate(id, plan, "VALIDATION0000000000", "https://validation.invalid/notify"));
            }
            catch (WeChatPayValidationException ex)
            {
                errors.Add($"PayScore:Plans:{id}: {ex.Message}");
            }
        }

        return Result(errors);
    }

    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (!options.IsPostgres && !string.Equals(options.Provider, StorageOptions.Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"Storage:Provider must be Sqlite or Postgres; got '{options.Provider}'.");
        }

        if (options.IsPostgres && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            errors.Add("Storage:ConnectionString is required with Storage:Provider=Postgres.");
        }

        return Result(errors);
    }

    public ValidateOptionsResult Validate(string? name, SessionTokenOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (!string.IsNullOrEmpty(options.SigningKey))
        {
            var bytes = new byte[options.SigningKey.Length];
            if (!Convert.TryFromBase64String(options.SigningKey, bytes, out var length) || length < 32)
            {
                errors.Add("Sessions:SigningKey must be Base64 of at least 32 bytes.");
            }
        }

        if (options.Lifetime <= TimeSpan.Zero || options.Lifetime > TimeSpan.FromDays(30))
        {
            errors.Add("Sessions:Lifetime must be between 0 and 30 days.");
        }

        return Result(errors);
    }

    public ValidateOptionsResult Validate(string? name, MiniProgramOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        Require(errors, options.AppId, "MiniProgram:AppId");
        Require(errors, options.AppSecret, "MiniProgram:AppSecret");
        if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"MiniProgram:BaseUrl must be an absolute http(s) URL; got '{options.BaseUrl}'.");
        }

        return Result(errors);
    }

    public ValidateOptionsResult Validate(string? name, ReconcilerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.Interval <= TimeSpan.Zero)
        {
            errors.Add("Reconciler:Interval must be positive.");
        }

        if (options.BatchSize is < 1 or > 1000)
        {
            errors.Add("Reconciler:BatchSize must be between 1 and 1000.");
        }

        if (options.LeaseDuration <= TimeSpan.Zero || options.ActiveInterval <= TimeSpan.Zero || options.MaxBackoff <= TimeSpan.Zero)
        {
            errors.Add("Reconciler:LeaseDuration, ActiveInterval and MaxBackoff must be positive.");
        }

        if (options.ReadOnlyCallRetention < TimeSpan.Zero || (options.ReadOnlyCallRetention > TimeSpan.Zero && options.ReadOnlyCallRetention < options.PendingCreateGrace))
        {
            errors.Add("Reconciler:ReadOnlyCallRetention must be 0 (keep forever) or at least Reconciler:PendingCreateGrace.");
        }

        return Result(errors);
    }

    public ValidateOptionsResult Validate(string? name, AdminOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            errors.Add("Admin:ApiKey is required (the X-Api-Key of the admin API and dashboard).");
        }
        else if (options.ApiKey.Length < 16)
        {
            errors.Add("Admin:ApiKey must be at least 16 characters.");
        }

        return Result(errors);
    }

    private static void Require(List<string> errors, string? value, string key)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"{key} is required.");
        }
    }

    private static ValidateOptionsResult Result(List<string> errors) =>
        errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
}
