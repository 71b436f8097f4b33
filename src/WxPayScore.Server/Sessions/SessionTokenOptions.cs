namespace WxPayScore.Server.Sessions;

/// <summary>Session tokens handed to the mini program (section <c>Sessions</c>).</summary>
public sealed class SessionTokenOptions
{
    public const string SectionName = "Sessions";

    /// <summary>HMAC-SHA256 key, Base64 (at least 32 bytes). Empty = a key generated once into the data folder (<c>session-signing.key</c>).</summary>
    public string? SigningKey { get; set; }

    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(2);
}
