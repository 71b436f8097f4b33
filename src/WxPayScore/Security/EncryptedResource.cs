namespace WxPayScore.Security;

/// <summary>An AEAD_AES_256_GCM payload as WeChat sends it (callback <c>resource</c>, certificate <c>encrypt_certificate</c>).</summary>
internal sealed record EncryptedResource
{
    public const string AeadAes256Gcm = "AEAD_AES_256_GCM";

    public string? Algorithm { get; init; }

    /// <summary>Base64 of ciphertext ‖ 16-byte tag.</summary>
    public string? Ciphertext { get; init; }

    /// <summary>May be empty (every Pay Score callback example has "").</summary>
    public string? AssociatedData { get; init; }

    /// <summary>12 characters; their UTF-8 bytes are the GCM IV.</summary>
    public string? Nonce { get; init; }

    /// <summary>Optional (<c>payscore</c> when present).</summary>
    public string? OriginalType { get; init; }
}
