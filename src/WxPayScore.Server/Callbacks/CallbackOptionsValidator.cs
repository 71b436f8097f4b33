using Microsoft.Extensions.Options;

namespace WxPayScore.Server.Callbacks;

/// <summary>The rejected sample is bounded: a size of 1..100,000 and a positive retention.</summary>
public sealed class CallbackOptionsValidator : IValidateOptions<CallbackOptions>
{
    public ValidateOptionsResult Validate(string? name, CallbackOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.RejectedSampleSize is < 1 or > 100_000)
        {
            errors.Add($"{CallbackOptions.SectionName}:RejectedSampleSize must be 1..100000; it is {options.RejectedSampleSize}.");
        }

        if (options.RejectedSampleRetention <= TimeSpan.Zero)
        {
            errors.Add($"{CallbackOptions.SectionName}:RejectedSampleRetention must be positive; it is {options.RejectedSampleRetention}.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
