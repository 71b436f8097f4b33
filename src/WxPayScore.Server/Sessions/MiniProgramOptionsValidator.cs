using Microsoft.Extensions.Options;

namespace WxPayScore.Server.Sessions;

/// <summary>Start-up validation of the section <c>MiniProgram</c>.</summary>
public sealed class MiniProgramOptionsValidator : IValidateOptions<MiniProgramOptions>
{
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
