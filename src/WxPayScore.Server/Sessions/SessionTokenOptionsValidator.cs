using Microsoft.Extensions.Options;

namespace WxPayScore.Server.Sessions;

/// <summary>Start-up validation of the section <c>Sessions</c>.</summary>
public sealed class SessionTokenOptionsValidator : IValidateOptions<SessionTokenOptions>
{
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

    private static ValidateOptionsResult Result(List<string> errors) =>
        errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
}
