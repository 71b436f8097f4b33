using System.Security.Cryptography;
using System.Text;

namespace WxPayScore.Security;

/// <summary>
/// AEAD_AES_256_GCM with the APIv3 key (apiv3-security.md §4): IV = UTF-8 of the 12-character nonce,
/// AAD = UTF-8 of <c>associated_data</c> (may be empty), ciphertext = Base64(ciphertext ‖ 16-byte tag).
/// </summary>
public sealed class ResourceCipher
{
    public const int KeySize = 32;
    public const int TagSize = 16;
    public const int NonceSize = 12;

    private readonly byte[] key;

    public ResourceCipher(string apiV3Key)
    {
        ArgumentNullException.ThrowIfNull(apiV3Key);
        key = Encoding.UTF8.GetBytes(apiV3Key);
        if (key.Length != KeySize)
        {
            throw new ArgumentException($"The APIv3 key must be exactly {KeySize} bytes; it is {key.Length}.", nameof(apiV3Key));
        }
    }

    /// <summary>Decrypts; throws <see cref="ResourceDecryptionException"/> with a distinct reason on any bad input.</summary>
    public byte[] Decrypt(string? nonce, string? associatedData, string? ciphertextBase64)
    {
        if (string.IsNullOrEmpty(ciphertextBase64))
        {
            throw new ResourceDecryptionException(ResourceDecryptionFailure.InvalidBase64, "resource.ciphertext is missing.");
        }

        if (nonce is null || Encoding.UTF8.GetByteCount(nonce) != NonceSize)
        {
            throw new ResourceDecryptionException(ResourceDecryptionFailure.InvalidNonce, $"resource.nonce must be {NonceSize} bytes.");
        }

        byte[] data;
        try
        {
            data = Convert.FromBase64String(ciphertextBase64);
        }
        catch (FormatException ex)
        {
            throw new ResourceDecryptionException(ResourceDecryptionFailure.InvalidBase64, "resource.ciphertext is not valid Base64.", ex);
        }

        if (data.Length < TagSize)
        {
            throw new ResourceDecryptionException(ResourceDecryptionFailure.AuthenticationFailed, "resource.ciphertext is shorter than the GCM tag.");
        }

        var plaintext = new byte[data.Length - TagSize];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(Encoding.UTF8.GetBytes(nonce), data.AsSpan(0, plaintext.Length), data.AsSpan(plaintext.Length),
                plaintext, Encoding.UTF8.GetBytes(associatedData ?? string.Empty));
        }
        catch (CryptographicException ex)
        {
            throw new ResourceDecryptionException(ResourceDecryptionFailure.AuthenticationFailed,
                "AES-GCM authentication failed: the ciphertext, nonce or associated data was altered, or the APIv3 key is wrong.", ex);
        }

        return plaintext;
    }

    /// <summary>Encrypts like WeChat does (used by the sandbox and by tests); returns Base64(ciphertext ‖ tag).</summary>
    public string Encrypt(string nonce, string associatedData, ReadOnlySpan<byte> plaintext)
    {
        ArgumentNullException.ThrowIfNull(nonce);
        var data = new byte[plaintext.Length + TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(Encoding.UTF8.GetBytes(nonce), plaintext, data.AsSpan(0, plaintext.Length), data.AsSpan(plaintext.Length),
            Encoding.UTF8.GetBytes(associatedData ?? string.Empty));
        return Convert.ToBase64String(data);
    }

    public EncryptedResource EncryptResource(ReadOnlySpan<byte> plaintext, string associatedData, string? originalType)
    {
        var nonce = Nonce.Create(NonceSize);
        return new EncryptedResource
        {
            Algorithm = EncryptedResource.AeadAes256Gcm,
            Ciphertext = Encrypt(nonce, associatedData, plaintext),
            AssociatedData = associatedData,
            Nonce = nonce,
            OriginalType = originalType,
        };
    }
}
