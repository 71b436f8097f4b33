using Microsoft.Extensions.Options;

namespace WxPayScore.Server.Orders;

/// <summary>Start-up validation of <see cref="OrderScheduleOptions"/>; every message names the setting.</summary>
public sealed class OrderScheduleOptionsValidator : IValidateOptions<OrderScheduleOptions>
{
    public ValidateOptionsResult Validate(string? name, OrderScheduleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.ActiveInterval <= TimeSpan.Zero || options.MaxBackoff <= TimeSpan.Zero)
        {
            errors.Add("Reconciler:ActiveInterval and Reconciler:MaxBackoff must be positive.");
        }

        if (options.CreatedAge < TimeSpan.Zero || options.PendingCreateGrace < TimeSpan.Zero)
        {
            errors.Add("Reconciler:CreatedAge and Reconciler:PendingCreateGrace must not be negative.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
