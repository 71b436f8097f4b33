using Microsoft.Extensions.Options;
using WxPayScore.Errors;
using WxPayScore.Server.Orders;
using WxPayScore.Server.Sessions;
using WxPayScore.ServiceOrders;

namespace WxPayScore.Server.Orders.SubMerchants;

/// <summary>
/// Start-up validation of the sub-merchants (<c>PayScore:SubMerchants</c> or the single-tenant <c>PayScore:SubMchId</c>)
/// and their plans (each must build a valid create request); every message names the key at fault.
/// </summary>
public sealed class SubMerchantOptionsValidator(IOptions<MiniProgramOptions> miniPrograms) : IValidateOptions<PayScoreOptions>
{
    public const int MaxKeyLength = 32;
    public const int MaxNameLength = 64;

    public ValidateOptionsResult Validate(string? name, PayScoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var secrets = miniPrograms.Value.Secrets();
        if (options.SubMerchants.Count > 0)
        {
            if (!string.IsNullOrEmpty(options.SubMchId))
            {
                errors.Add("PayScore:SubMchId and PayScore:SubMerchants are both set: move the single-tenant sub-merchant into PayScore:SubMerchants:{key}.");
            }

            if (!string.IsNullOrEmpty(options.SubAppId))
            {
                errors.Add("PayScore:SubAppId is a single-tenant setting: with PayScore:SubMerchants set it on the sub-merchant (PayScore:SubMerchants:{key}:SubAppId).");
            }

            var seen = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (key, sub) in options.SubMerchants)
            {
                var prefix = $"PayScore:SubMerchants:{key}";
                if (key.Length > MaxKeyLength || !key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
                {
                    errors.Add($"{prefix}: a sub-merchant key is at most {MaxKeyLength} letters, digits, '-' or '_'.");
                }

                CheckSubMchId(errors, sub.SubMchId, $"{prefix}:SubMchId");
                if (!string.IsNullOrEmpty(sub.SubMchId))
                {
                    if (seen.TryGetValue(sub.SubMchId, out var other))
                    {
                        errors.Add($"{prefix}:SubMchId: '{sub.SubMchId}' is also the SubMchId of PayScore:SubMerchants:{other}; each sub-merchant is configured once.");
                    }
                    else
                    {
                        seen[sub.SubMchId] = key;
                    }
                }

                if ((sub.Name ?? string.Empty).Length > MaxNameLength)
                {
                    errors.Add($"{prefix}:Name is at most {MaxNameLength} characters.");
                }

                CheckSubAppId(errors, sub.SubAppId, $"{prefix}:SubAppId", options.AppId, secrets);
                if (sub.Plans.Count > 0)
                {
                    CheckPlans(errors, sub.Plans, $"{prefix}:Plans");
                }
                else if (options.Plans.Count == 0)
                {
                    errors.Add($"{prefix}:Plans: the sub-merchant has no plans and PayScore:Plans (shared) is empty; define at least one plan.");
                }
            }

            if (options.Plans.Count > 0)
            {
                CheckPlans(errors, options.Plans, "PayScore:Plans");
            }
        }
        else
        {
            if (string.IsNullOrWhiteSpace(options.SubMchId))
            {
                errors.Add("PayScore:SubMerchants (or the single-tenant PayScore:SubMchId) is required: name at least one sub-merchant.");
            }
            else
            {
                CheckSubMchId(errors, options.SubMchId, "PayScore:SubMchId");
            }

            CheckSubAppId(errors, options.SubAppId, "PayScore:SubAppId", options.AppId, secrets);
            if (options.Plans.Count == 0)
            {
                errors.Add("PayScore:Plans must define at least one plan.");
            }

            CheckPlans(errors, options.Plans, "PayScore:Plans");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckSubMchId(List<string> errors, string? subMchId, string key)
    {
        if (string.IsNullOrWhiteSpace(subMchId))
        {
            errors.Add($"{key} is required.");
        }
        else if (subMchId.Length > 32 || !subMchId.All(char.IsAsciiDigit))
        {
            errors.Add($"{key}: a sub_mchid is at most 32 digits; got '{subMchId}'.");
        }
    }

    private static void CheckSubAppId(List<string> errors, string? subAppId, string key, string appId, IReadOnlyDictionary<string, string> secrets)
    {
        if (string.IsNullOrEmpty(subAppId))
        {
            return;
        }

        if (!MiniProgramOptionsValidator.IsAppId(subAppId))
        {
            errors.Add($"{key}: an AppID is 'wx' followed by at most 30 letters or digits; got '{subAppId}'.");
        }
        else if (string.Equals(subAppId, appId, StringComparison.Ordinal))
        {
            errors.Add($"{key} is the provider's own PayScore:AppId; leave it empty (the sub-merchant is then served from the provider's mini program).");
        }
        else if (!secrets.ContainsKey(subAppId))
        {
            errors.Add($"{key} '{subAppId}' has no mini program secret: add MiniPrograms:{subAppId}:AppSecret (its users log in through it).");
        }
    }

    private static void CheckPlans(List<string> errors, Dictionary<string, PlanOptions> plans, string prefix)
    {
        foreach (var (id, plan) in plans)
        {
            if (id.Length > 64 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                errors.Add($"{prefix}:{id}: a plan id is at most 64 letters, digits, '-' or '_'.");
                continue;
            }

            if (plan.Fees.Count == 0)
            {
                errors.Add($"{prefix}:{id}:Fees: a plan needs at least one fee line (name + billing rule) shown on the confirm page.");
                continue;
            }

            try
            {
                var probe = new SubMerchant("validation", "0", "validation", "0", "wx0", null, plans, true);
                ServiceOrderService.PrepareCreate(PlanCatalog.BuildCreate(new OrderStart(probe, id, plan, null, null, null),
                    "VALIDATION0000000000", "https://validation.invalid/notify"));
            }
            catch (WeChatPayValidationException ex)
            {
                errors.Add($"{prefix}:{id}: {ex.Message}");
            }
        }
    }
}
