using Microsoft.Extensions.Options;

namespace WxPayScore.Server.Security;

/// <summary>Every limit ≥ 0 (0 = off), every window positive, and the callback endpoint never without a slot.</summary>
public sealed class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        void NotNegative(int value, string setting)
        {
            if (value < 0)
            {
                errors.Add($"{RateLimitOptions.SectionName}:{setting} must be ≥ 0 (0 turns the limit off); it is {value}.");
            }
        }

        void Positive(TimeSpan value, string setting)
        {
            if (value <= TimeSpan.Zero)
            {
                errors.Add($"{RateLimitOptions.SectionName}:{setting} must be positive; it is {value}.");
            }
        }

        NotNegative(options.SessionsPerClient, nameof(options.SessionsPerClient));
        NotNegative(options.AdminAuthFailuresPerClient, nameof(options.AdminAuthFailuresPerClient));
        NotNegative(options.OrderCreatesPerUser, nameof(options.OrderCreatesPerUser));
        NotNegative(options.OpenOrdersPerUser, nameof(options.OpenOrdersPerUser));
        NotNegative(options.CallbackConcurrency, nameof(options.CallbackConcurrency));
        NotNegative(options.CallbackQueue, nameof(options.CallbackQueue));
        Positive(options.SessionWindow, nameof(options.SessionWindow));
        Positive(options.AdminAuthFailureWindow, nameof(options.AdminAuthFailureWindow));
        Positive(options.OrderCreateWindow, nameof(options.OrderCreateWindow));
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
