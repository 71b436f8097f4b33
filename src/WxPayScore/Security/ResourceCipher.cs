using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace WxPayScore.Security;

/// <summary>
/// AEAD_AES_256_GCM with the APIv3 key (apiv3-security.md §4): IV = UTF-8 of the 12-character nonce,
/// AAD = UTF-8 of <c>associated_data</c> (may be empty), ciphertext = Base64(ciphertext ‖ 16-byte tag).
/// </summary>
internal sealed class ResourceCipher
{
    public const int KeySize = 32;
    public const int TagSize = 16;
    public const int NonceSize = 12;

    private readonly byte[] key;
    private AesGcm? cachedAes;

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
            throw MissingCiphertext();
        }

        if (nonce is null || Encoding.UTF8.GetByteCount(nonce) != NonceSize)
        {
            throw WrongNonce();
        }

        Span<byte> iv = stackalloc byte[NonceSize];
        Encoding.UTF8.GetBytes(nonce, iv);
        var aad = associatedData is { Length: > 0 } ? Encoding.UTF8.GetBytes(associatedData) : [];
        var rented = ArrayPool<byte>.Shared.Rent(ciphertextBase64.Length / 4 * 3 + 3);
        try
        {
            return DecryptCore(iv, aad, rented.AsSpan(0, DecodeBase64(ciphertextBase64, rented)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// The same, from the UTF-8 bytes of the JSON values (the callback hot path: no strings are made of the ciphertext).
    /// </summary>
    internal byte[] Decrypt(ReadOnlySpan<byte> nonceUtf8, ReadOnlySpan<byte> associatedDataUtf8, ReadOnlySpan<byte> ciphertextBase64Utf8)
    {
        if (ciphertextBase64Utf8.IsEmpty)
        {
            throw MissingCiphertext();
        }

        if (nonceUtf8.Length != NonceSize)
        {
            throw WrongNonce();
        }

        var rented = ArrayPool<byte>.Shared.Rent(ciphertextBase64Utf8.Length / 4 * 3 + 3);
        try
        {
            return DecryptCore(nonceUtf8, associatedDataUtf8, rented.AsSpan(0, DecodeBase64(ciphertextBase64Utf8, rented)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static ResourceDecryptionException MissingCiphertext() =>
        new(ResourceDecryptionFailure.InvalidBase64, "resource.ciphertext is missing.");

    private static ResourceDecryptionException WrongNonce() =>
        new(ResourceDecryptionFailure.InvalidNonce, $"resource.nonce must be {NonceSize} bytes.");

    private static ResourceDecryptionException NotBase64() =>
        new(ResourceDecryptionFailure.InvalidBase64, "resource.ciphertext is not valid Base64.");

    private byte[] DecryptCore(ReadOnlySpan<byte> iv, ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> data)
    {
        if (data.Length < TagSize)
        {
            throw new ResourceDecryptionException(ResourceDecryptionFailure.AuthenticationFailed, "resource.ciphertext is shorter than the GCM tag.");
        }

        var plaintext = new byte[data.Length - TagSize];
        var aes = Interlocked.Exchange(ref cachedAes, null) ?? new AesGcm(key, TagSize);
        try
        {
            aes.Decrypt(iv, data[..plaintext.Length], data[plaintext.Length..], plaintext, associatedData);
        }
        catch (CryptographicException ex)
        {
            throw new ResourceDecryptionException(ResourceDecryptionFailure.AuthenticationFailed,
                "AES-GCM authentication failed: the ciphertext, nonce or associated data was altered, or the APIv3 key is wrong.", ex);
        }
        finally
        {
            // One AesGcm is kept for the next call (creating one costs about as much as decrypting 1 KB); a
            // concurrent caller simply makes its own.
            if (Interlocked.CompareExchange(ref cachedAes, aes, null) is not null)
            {
                aes.Dispose();
            }
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

    /// <summary>
    /// Base64 into <paramref name="destination"/>: the vectorised UTF-8 decoder for well-formed input, and
    /// <see cref="Convert.TryFromBase64String"/> (which also skips white space) otherwise, so the accepted inputs are
    /// exactly Convert's.
    /// </summary>
    private static int DecodeBase64(string text, byte[] destination)
    {
        if (text.Length <= 8192)
        {
            Span<byte> ascii = stackalloc byte[text.Length];
            if (Ascii.FromUtf16(text, ascii, out var narrowed) == OperationStatus.Done &&
                Base64.DecodeFromUtf8(ascii[..narrowed], destination, out _, out var decoded) == OperationStatus.Done)
            {
                return decoded;
            }
        }

        return Convert.TryFromBase64String(text, destination, out var written) ? written : throw NotBase64();
    }

    private static int DecodeBase64(ReadOnlySpan<byte> utf8, byte[] destination)
    {
        if (Base64.DecodeFromUtf8(utf8, destination, out _, out var decoded) == OperationStatus.Done)
        {
            return decoded;
        }

        return Convert.TryFromBase64String(Encoding.UTF8.GetString(utf8), destination, out var written) ? written : throw NotBase64();
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
