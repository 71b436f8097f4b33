using WxPayScore.Security;

namespace WxPayScore.Callbacks;

/// <summary>The outer JSON of an APIv3 notification, before decryption.</summary>
internal sealed record CallbackEnvelope
{
    public string? Id { get; init; }

    public DateTimeOffset? CreateTime { get; init; }

    public string? EventType { get; init; }

    public string? ResourceType { get; init; }

    public EncryptedResource? Resource { get; init; }

    public string? Summary { get; init; }
}
