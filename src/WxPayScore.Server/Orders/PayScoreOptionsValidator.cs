using Microsoft.Extensions.Options;

namespace WxPayScore.Server.Orders;

/// <summary>Start-up validation of the section <c>PayScore</c>; its sub-merchants and plans: <see cref="SubMerchants.SubMerchantOptionsValidator"/>.</summary>
public sealed class PayScoreOptionsValidator : IValidateOptions<PayScoreOptions>
{
    public ValidateOptionsResult Validate(string? name, PayScoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.SubMerchants.Count == 0 || options.SubMerchants.Values.Any(s => string.IsNullOrEmpty(s.ServiceId)))
        {
            Require(errors, options.ServiceId, "PayScore:ServiceId");
        }

        Require(errors, options.AppId, "PayScore:AppId");
        NotifyUrl(errors, options.NotifyUrl, "PayScore:NotifyUrl");
        NotifyUrl(errors, options.RefundNotifyUrl, "PayScore:RefundNotifyUrl");

        if ((options.OrderNoPrefix ?? string.Empty).Length > 8 || !(options.OrderNoPrefix ?? string.Empty).All(char.IsAsciiLetterOrDigit))
        {
            errors.Add("PayScore:OrderNoPrefix must be at most 8 letters or digits.");
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
