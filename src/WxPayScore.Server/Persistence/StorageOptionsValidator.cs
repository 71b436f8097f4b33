using Microsoft.Extensions.Options;

namespace WxPayScore.Server.Persistence;

/// <summary>Start-up validation of the section <c>Storage</c>.</summary>
public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (!options.IsPostgres && !string.Equals(options.Provider, StorageOptions.Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"Storage:Provider must be Sqlite or Postgres; got '{options.Provider}'.");
        }

        if (options.IsPostgres && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            errors.Add("Storage:ConnectionString is required with Storage:Provider=Postgres.");
        }

        return Result(errors);
    }

    private static ValidateOptionsResult Result(List<string> errors) =>
        errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
}
