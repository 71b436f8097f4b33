using System.Globalization;
using System.Security.Cryptography;

namespace WxPayScore.Sandbox.Orders;

/// <summary>WeChat-shaped identifiers: order_id, package, query_id, transaction_id, Request-ID.</summary>
internal static class Identifiers
{
    private const string UrlSafe = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

    /// <summary>31 digits: <c>1000000000</c> + yyyyMMdd + 13 digits.</summary>
    public static string OrderId(DateTimeOffset beijingNow) =>
        "1000000000" + beijingNow.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + Digits(13);

    /// <summary>An opaque package of <c>[0-9A-Za-z_-]</c> (string(300) on the wire).</summary>
    public static string Package() => RandomNumberGenerator.GetString(UrlSafe, 96);

    public static string QueryId() => RandomNumberGenerator.GetString(UrlSafe, 48);

    /// <summary>28 digits like <c>4200002025010112345678901234</c>.</summary>
    public static string TransactionId(DateTimeOffset beijingNow) =>
        "420000" + beijingNow.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + Digits(14);

    /// <summary><c>08F78BB5AF0610D302189F99DD5C20BA56F89845-0</c>; on failures the suffix is the internal error number.</summary>
    public static string RequestId(long internalNumber = 0) =>
        Convert.ToHexString(RandomNumberGenerator.GetBytes(20)) + "-" + internalNumber.ToString(CultureInfo.InvariantCulture);

    public static string Digits(int count)
    {
        var chars = new char[count];
        for (var i = 0; i < count; i++)
        {
            chars[i] = (char)('0' + RandomNumberGenerator.GetInt32(10));
        }

        return new string(chars);
    }
}
