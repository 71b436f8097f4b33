using System.Security.Cryptography;

namespace WxPayScore.Security;

/// <summary>Random nonces as the official samples make them: 32 characters of [0-9A-Za-z].</summary>
internal static class Nonce
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>The length WeChat's samples use.</summary>
    public const int Length = 32;

    public static string Create(int length = Length) => RandomNumberGenerator.GetString(Alphabet, length);

    /// <summary>Fills <paramref name="destination"/> with nonce characters (no string made).</summary>
    public static void Fill(Span<char> destination) => RandomNumberGenerator.GetItems(Alphabet, destination);
}
