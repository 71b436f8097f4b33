using System.Diagnostics;
using System.Security.Cryptography;

namespace WxPayScore.LoadTest;

/// <summary>The bare RSA-2048 PKCS#1 v1.5 SHA-256 cost on one core (what WECHATPAY2-SHA256-RSA2048 does per message).</summary>
internal static class CryptoBench
{
    public static (double SignPerSecond, double VerifyPerSecond, double PairPerSecond) Measure(TimeSpan duration)
    {
        using var rsa = RSA.Create(2048);
        var message = new byte[420];
        RandomNumberGenerator.Fill(message);
        var signature = rsa.SignData(message, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        for (var i = 0; i < 50; i++)
        {
            rsa.SignData(message, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            rsa.VerifyData(message, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }

        var third = duration / 3;
        var signs = Run(third, () => rsa.SignData(message, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        var verifies = Run(third, () => rsa.VerifyData(message, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        var pairs = Run(third, () =>
        {
            var s = rsa.SignData(message, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            rsa.VerifyData(message, s, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        });
        return (signs, verifies, pairs);
    }

    private static double Run(TimeSpan duration, Action operation)
    {
        var count = 0;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < duration)
        {
            operation();
            count++;
        }

        return count / watch.Elapsed.TotalSeconds;
    }
}
