using Microsoft.Extensions.Options;

namespace WxPayScore.Server.Refunds;

/// <summary>Start-up validation of the section <c>Refunds</c>.</summary>
public sealed class RefundOptionsValidator : IValidateOptions<RefundOptions>
{
    public ValidateOptionsResult Validate(string? name, RefundOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.CheckDelay <= TimeSpan.Zero)
        {
            errors.Add("Refunds:CheckDelay must be positive.");
        }

        if (options.MaxCheckInterval < options.CheckDelay)
        {
            errors.Add("Refunds:MaxCheckInterval must be at least Refunds:CheckDelay.");
        }

        if (options.BatchSize is < 1 or > 1000)
        {
            errors.Add("Refunds:BatchSize must be 1..1000.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
