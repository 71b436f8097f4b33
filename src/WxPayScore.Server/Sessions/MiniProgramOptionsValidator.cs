using Microsoft.Extensions.Options;

namespace WxPayScore.Server.Sessions;

/// <summary>Start-up validation of the sections <c>MiniProgram</c> and <c>MiniPrograms</c>.</summary>
public sealed class MiniProgramOptionsValidator : IValidateOptions<MiniProgramOptions>
{
    public ValidateOptionsResult Validate(string? name, MiniProgramOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.Apps.Count == 0 || !string.IsNullOrWhiteSpace(options.AppId) || !string.IsNullOrWhiteSpace(options.AppSecret))
        {
            Require(errors, options.AppId, "MiniProgram:AppId");
            Require(errors, options.AppSecret, "MiniProgram:AppSecret");
        }

        foreach (var (appId, app) in options.Apps)
        {
            if (!IsAppId(appId))
            {
                errors.Add($"MiniPrograms:{appId}: an AppID is 'wx' followed by at most 30 letters or digits.");
            }

            Require(errors, app.AppSecret, $"MiniPrograms:{appId}:AppSecret");
        }

        if (!string.IsNullOrEmpty(options.AppId) && options.Apps.TryGetValue(options.AppId, out var same) &&
            !string.Equals(same.AppSecret, options.AppSecret, StringComparison.Ordinal) && !string.IsNullOrEmpty(options.AppSecret))
        {
            errors.Add($"MiniProgram:AppSecret and MiniPrograms:{options.AppId}:AppSecret name the same mini program with different secrets.");
        }

        if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"MiniProgram:BaseUrl must be an absolute http(s) URL; got '{options.BaseUrl}'.");
        }

        return Result(errors);
    }

    internal static bool IsAppId(string appId) =>
        appId.Length is > 2 and <= 32 && appId.StartsWith("wx", StringComparison.Ordinal) && appId.All(char.IsAsciiLetterOrDigit);

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
