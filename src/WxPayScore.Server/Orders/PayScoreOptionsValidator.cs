using Microsoft.Extensions.Options;
using WxPayScore.Errors;
using WxPayScore.ServiceOrders;

namespace WxPayScore.Server.Orders;

/// <summary>Start-up validation of the section <c>PayScore</c>, the plans included (each must build a valid create request).</summary>
public sealed class PayScoreOptionsValidator : IValidateOptions<PayScoreOptions>
{
    public ValidateOptionsResult Validate(string? name, PayScoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        Require(errors, options.ServiceId, "PayScore:ServiceId");
        Require(errors, options.AppId, "PayScore:AppId");
        Require(errors, options.SubMchId, "PayScore:SubMchId");
        NotifyUrl(errors, options.NotifyUrl, "PayScore:NotifyUrl");
        NotifyUrl(errors, options.RefundNotifyUrl, "PayScore:RefundNotifyUrl");

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
                ServiceOrderService.PrepareCreate(new PlanCatalog(Options.Create(new PayScoreOptions
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

    private static void NotifyUrl(List<string> errors, string? url, string key)
    {
        if (!string.IsNullOrEmpty(url) &&
            (!Uri.TryCreate(url, UriKind.Absolute, out var notify) || notify.Query.Length > 0 || (notify.Scheme != Uri.UriSchemeHttp && notify.Scheme != Uri.UriSchemeHttps)))
        {
            errors.Add($"{key} must be an absolute http(s) URL without a query string; got '{url}'.");
        }
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
