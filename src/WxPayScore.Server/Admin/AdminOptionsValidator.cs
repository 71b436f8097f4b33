using Microsoft.Extensions.Options;

namespace WxPayScore.Server.Admin;

/// <summary>Start-up validation of the section <c>Admin</c> (the rules are the attributes on <see cref="AdminOptions"/>).</summary>
[OptionsValidator]
public sealed partial class AdminOptionsValidator : IValidateOptions<AdminOptions>;
