using Microsoft.Extensions.Options;
using WxPayScore.Server.Orders;

namespace WxPayScore.Server.Reconciliation;

/// <summary>Start-up validation of the reconciler's settings (section <c>Reconciler</c>), against the orders' schedule there.</summary>
public sealed class ReconcilerOptionsValidator(IOptions<OrderScheduleOptions> schedule) : IValidateOptions<ReconcilerOptions>
{
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

        if (options.LeaseDuration <= TimeSpan.Zero)
        {
            errors.Add("Reconciler:LeaseDuration must be positive.");
        }

        if (options.ReadOnlyCallRetention < TimeSpan.Zero || (options.ReadOnlyCallRetention > TimeSpan.Zero && options.ReadOnlyCallRetention < schedule.Value.PendingCreateGrace))
        {
            errors.Add("Reconciler:ReadOnlyCallRetention must be 0 (keep forever) or at least Reconciler:PendingCreateGrace.");
        }

        return Result(errors);
    }

    private static ValidateOptionsResult Result(List<string> errors) =>
        errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
}
