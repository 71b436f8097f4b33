using System.Security.Cryptography;

namespace WxPayScore.Security;

/// <summary>An encrypted resource could not be decrypted; <see cref="Failure"/> says why.</summary>
internal sealed class ResourceDecryptionException : CryptographicException
{
    public ResourceDecryptionException()
    {
    }

    public ResourceDecryptionException(string message)
        : base(message)
    {
    }

    public ResourceDecryptionException(string message, Exception? inner)
        : base(message, inner)
    {
    }

    public ResourceDecryptionException(ResourceDecryptionFailure failure, string message, Exception? inner = null)
        : base(message, inner)
    {
        Failure = failure;
    }

    public ResourceDecryptionFailure Failure { get; }
}
