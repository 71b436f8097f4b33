namespace WxPayScore.Server.Tests.Infrastructure;

/// <summary>The server's own secrets in the tests (the key material of WeChat Pay is <see cref="WxPayScore.Tests.Shared.TestKeys"/>).</summary>
public static class ServerSecrets
{
    /// <summary><c>Admin:ApiKey</c>.</summary>
    public const string AdminKey = "test-admin-key-0123456789";

    /// <summary><c>Sessions:SigningKey</c> (32 bytes, base64).</summary>
    public const string SessionKey = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
}
