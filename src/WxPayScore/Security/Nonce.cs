using System.Security.Cryptography;

namespace WxPayScore.Security;

/// <summary>Random nonces as the official samples make them: 32 characters of [0-9A-Za-z].</summary>
internal static class Nonce
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string Create(int length = 32) => RandomNumberGenerator.GetString(Alphabet, length);
}
